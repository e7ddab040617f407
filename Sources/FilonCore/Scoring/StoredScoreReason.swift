import Foundation

/// A reason as stored: the code stays a string so that reasons written by a newer Filon still read.
public struct StoredScoreReason: Sendable, Equatable, Codable {
    public var code: String
    public var points: Int
    public var label: String

    public var text: String { ScoreReason.text(label: label, points: points) }
}
