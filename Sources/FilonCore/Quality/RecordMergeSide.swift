/// Which record's value a merge keeps for a field.
public enum RecordMergeSide: String, Sendable, Codable {
    case winner
    case loser
}
