/// How one CSV column of a Sirene file becomes one database column.
public struct SireneColumn: Sendable {
    public enum Kind: Sendable {
        /// Stored as it is.
        case text
        /// A calendar date `YYYY-MM-DD`; impossible dates and `1900-01-01` ("unknown") are dropped.
        case date
        /// `2024-03-22T14:31:05.000`, stored to the second.
        case timestamp
        /// A whole number such as a year.
        case integer
        /// A decimal number such as a Lambert coordinate.
        case real
        /// `true` / `false`, stored as 1 / 0.
        case flag
    }

    /// The header name as INSEE writes it (matched in any case).
    public let header: String
    public let column: String
    public let kind: Kind
    /// Part of the row hash: a change here is a real change.
    public let hashed: Bool
    /// Personal data: dropped for units whose diffusion is partial (`P`), whatever the file says.
    public let personal: Bool
    /// Part of the postal address (establishments): feeds the address hash.
    public let address: Bool
    /// Stored when the file has no value (for NOT NULL columns).
    public let fallback: String?

    public init(
        _ header: String, _ column: String, _ kind: Kind = .text, hashed: Bool = true, personal: Bool = false,
        address: Bool = false, fallback: String? = nil
    ) {
        self.header = header
        self.column = column
        self.kind = kind
        self.hashed = hashed
        self.personal = personal
        self.address = address
        self.fallback = fallback
    }
}
