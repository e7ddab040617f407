import FilonCLI
import FilonCore
import GRDB

/// The core's refusals of an admin command as exit codes: 2 for what the command line got wrong
/// (a bad login, capacity or SIREN, someone who does not exist), 1 for what the rules refuse
/// (not an admin, the last admin, a user who cannot take prospects).
enum AdminRefusal {
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PermissionError {
            throw CommandFailure.runtime(error.description)
        } catch let error as UserError {
            switch error {
            case .invalidLogin, .invalidName, .negativeCapacity, .unknownLogin, .unknownUser:
                throw CommandFailure.usage(error.description)
            case .loginTaken, .firstUserMustBeAdmin, .lastAdmin:
                throw CommandFailure.runtime(error.description)
            }
        } catch let error as ReassignmentError {
            switch error {
            case .unknownProspect, .unknownUser, .sameUser: throw CommandFailure.usage(error.description)
            case .cannotTake: throw CommandFailure.runtime(error.description)
            }
        }
    }

    /// The user named on the command line, or a usage error saying how to find the right login.
    static func user(_ login: String, _ db: Database) throws -> CRMUser {
        guard let user = try UserDirectory().user(login: login, db) else {
            throw CommandFailure.usage(UserError.unknownLogin(login).description)
        }
        return user
    }
}
