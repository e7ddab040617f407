import FilonCore
import Foundation
import Logging

/// One pass of the daemon over the detection sources, new companies first. Each source runs in
/// turn, journals its own run and keeps its watermark in the database; a failing source is
/// journaled and the pass goes on with the next one.
public struct DetectionPass: Sendable {
    public let database: AppDatabase
    public let config: FilonConfig
    public let logger: Logger

    public init(database: AppDatabase, config: FilonConfig, logger: Logger) {
        self.database = database
        self.config = config
        self.logger = logger
    }

    public func run(stop: StopSignal) async -> PassReport {
        var report = PassReport()
        report.stopped = stop.isRequested
        return report
    }
}
