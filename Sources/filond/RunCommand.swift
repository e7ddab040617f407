import ArgumentParser
import FilonCLI
import FilonCore
import FilonSources
import Foundation
import Logging
import ServiceLifecycle

/// `filond run [--once]`: the daemon. Detection passes on the `[daemon] schedule` until SIGTERM or
/// SIGINT, or a single pass.
struct RunCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run detection passes on the [daemon] schedule until SIGTERM or SIGINT.",
        discussion: """
            One filond run works on a database at a time. On SIGTERM or SIGINT the current pass \
            saves its progress and the daemon exits 0; the next run goes on from there.

            Logs go to standard error at the level $FILON_LOG_LEVEL names (trace, debug, info, \
            notice, warning, error, critical; default info).
            """)

    @OptionGroup var common: CommonOptions

    @Flag(help: "Run one pass, print a line per source and exit: 0 when no source failed, 1 when one did.")
    var once = false

    func run() throws {
        let level = try LogSetup.level(environment: common.environment)
        let config = try common.loadConfig()
        let database = try common.openDatabase()
        LogSetup.bootstrap(level: level)
        let databasePath = DatabaseLocation.resolve(explicit: common.db, environment: common.environment)
        let lock: InstanceLock
        do {
            lock = try InstanceLock.acquire(databasePath: databasePath)
        } catch {
            throw CommandFailure.runtime(error.description)
        }
        let logger = Logger(label: "filond")
        logger.info("filond run (pid \(getpid())) working on \(databasePath), locked by \(lock.path)")
        let service = DaemonService(
            pass: DetectionPass(database: database, config: config, logger: logger),
            mode: once ? .once : .scheduled(config.daemon.schedule), logger: logger)
        let report = try BlockingWait.run { try await Self.runGroup(service, logger: logger) }
        guard once else { return }
        guard let report else { throw CommandFailure.runtime("the pass did not finish: see the log above") }
        if report.sources.isEmpty && !report.stopped { print("No source ran: every source is disabled.") }
        for outcome in report.sources { print(DaemonService.line(outcome)) }
        for line in report.decisions { print(line) }
        if report.stopped { print("Stopped before the end; the next run goes on from there.") }
        if report.failed {
            throw CommandFailure.runtime(
                "a source failed (see above and `filond status`); the others' work is saved")
        }
    }

    /// Runs the service until it ends (`--once`) or until SIGTERM/SIGINT shut it down gracefully.
    private static func runGroup(_ service: DaemonService, logger: Logger) async throws -> PassReport? {
        // Named, because the default name prints the service with its settings into the logs.
        let entry = ServiceGroupConfiguration.ServiceConfiguration(
            service: service, successTerminationBehavior: .gracefullyShutdownGroup, serviceName: "detection")
        var configuration = ServiceGroupConfiguration(
            services: [entry], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // systemd kills the daemon 120 s after SIGTERM (TimeoutStopSec): cancel in-flight requests
        // well before, so the pass still has time to record where it stopped.
        configuration.maximumGracefulShutdownDuration = .seconds(90)
        do {
            try await ServiceGroup(configuration: configuration).run()
        } catch {
            throw CommandFailure.runtime("filond run failed: \(error)")
        }
        return service.lastReport.value
    }
}
