import FilonCore
import Foundation
import GRDB
import Logging

/// The daemon's email step, at the end of each pass: sends what operators queued and retries what
/// failed before, through `[mail]`'s server, journaled as a run (source `email`). Without a
/// `[mail] url` it is skipped, and fails only when messages are waiting for it.
struct OutboxStage: Sendable {
    let database: AppDatabase
    let settings: MailSettings
    let logger: Logger
    var now = Date()
    /// Messages per pass at most; the rest waits for the next pass.
    var limit = 200

    /// One line for `filond run --once`, and whether the step failed.
    func run(stop: StopSignal) async -> (line: String, failed: Bool) {
        let outbox = EmailOutbox(maxAttempts: settings.maxAttempts)
        let (now, limit) = (now, limit)
        guard settings.isConfigured else {
            let waiting = (try? await database.writer.read { try outbox.due(now: now, limit: limit, $0).count }) ?? 0
            guard waiting > 0 else {
                return ("email: skipped — no [mail] url (nor FILON_MAIL_URL): nothing is sent", false)
            }
            return await journaled(target: nil) {
                throw OutboxStageError.notConfigured(waiting: waiting)
            }
        }
        let settings = settings
        let database = database
        return await journaled(target: settings.smtp.url) {
            let mailer = try SMTPMailer(settings: settings.smtp)
            let sender = OutboxSender(
                database: database, outbox: outbox, transport: mailer, sender: try settings.smtp.senderIdentity())
            // libcurl blocks until the server answers: off the concurrency pool's few threads.
            let summary = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(
                        with: Result { try sender.sendDue(now: now, limit: limit, shouldStop: { stop.isRequested }) })
                }
            }
            var counts = RunCounts()
            counts.read = summary.attempted + summary.blocked
            (counts.new, counts.changed, counts.rejected, counts.filtered) =
                (summary.sent, summary.retrying, summary.failed, summary.blocked)
            return (counts, summary.description)
        }
    }

    /// Runs the step as one journaled run; its failure is journaled and logged.
    private func journaled(target: String?, _ body: @Sendable () async throws -> (RunCounts, String)) async -> (
        line: String, failed: Bool
    ) {
        let journal = RunJournal()
        // The URL may carry a login: the journal keeps the scheme, host and port only.
        let target = target.flatMap(URLComponents.init(string:)).map {
            "\($0.scheme ?? "smtp")://\($0.host ?? "")\($0.port.map { ":\($0)" } ?? "")"
        }
        let run: Int
        do {
            run = try await database.writer.write { db in
                try journal.start(db, source: "email", kind: "send", target: target, at: Date())
            }
        } catch {
            logger.error("email: cannot write the run journal: \(database.explain(error))")
            return ("email: failed — \(database.explain(error))", true)
        }
        do {
            let (counts, message) = try await body()
            try await database.writer.write { db in
                try journal.finish(db, run: run, status: .ok, counts: counts, message: message, at: Date())
            }
            logger.info("email: \(message)")
            return ("email: ok, \(message) (run \(run))", false)
        } catch {
            try? await database.writer.write { db in
                try journal.close(db, run: run, status: .failed, message: database.explain(error), at: Date())
            }
            logger.error("email: \(database.explain(error))")
            return ("email: failed — \(database.explain(error)) (run \(run))", true)
        }
    }
}
