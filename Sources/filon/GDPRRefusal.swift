import FilonCLI
import FilonCore

/// The core's refusals of a `filon gdpr` request as exit codes: 1 for a user who is not an admin,
/// 2 for a request that names nobody or an unknown company.
enum GDPRRefusal {
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PermissionError {
            throw CommandFailure.runtime(error.description)
        } catch let error as ComplianceError {
            throw CommandFailure.usage(error.description)
        }
    }
}
