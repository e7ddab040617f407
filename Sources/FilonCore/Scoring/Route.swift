import Foundation

/// Where a prospect goes: straight to a sales rep, to telemarketing, or nowhere.
public enum Route: String, Sendable, CaseIterable {
    case sales, telemarketing
    case nowhere = "none"
}
