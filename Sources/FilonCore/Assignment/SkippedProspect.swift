import Foundation

/// A prospect a reassignment left where it was, and why.
public struct SkippedProspect: Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// An operator has it on their screen now: moving it would pull it from under them.
        case reserved(by: String?, until: Date)
        /// It already belongs to the chosen user.
        case alreadyTheirs(login: String)
        /// Its route is worked by another role: the daemon would move it back at once.
        case wrongRole(route: String, needs: UserRole)
        /// Nobody of the role its route needs can take prospects now.
        case nobodyAvailable(UserRole)
    }

    public var siren: Int
    public var reason: Reason

    public init(siren: Int, reason: Reason) {
        self.siren = siren
        self.reason = reason
    }

    public var description: String {
        let prospect = Siren.format(siren: siren)
        switch reason {
        case .reserved(let login, let until):
            return "\(prospect) stays: reserved by \(login ?? "an operator") until \(Timestamp.string(until))"
        case .alreadyTheirs(let login): return "\(prospect) is already \(login)'s"
        case .wrongRole(let route, let role):
            return "\(prospect) stays: it is routed to \(route), which a \(role.label) works"
        case .nobodyAvailable(let role): return "\(prospect) stays: no \(role.label) can take prospects now"
        }
    }
}
