import Foundation

/// What can go wrong when opening or using the database, with what to do about it.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case locked(path: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open the database \(path): \(reason). "
                + "Check that its folder exists and is writable, or pass --db PATH."
        case .locked(let path):
            return "the database \(path) stayed locked by another process for 10 s (a long import?). "
                + "Try again in a moment."
        }
    }
}
