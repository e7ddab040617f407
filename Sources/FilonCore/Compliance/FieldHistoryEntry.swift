/// One line of a company's traceability record (`filon history`): a value that changed, who
/// said a current value, what a person did, or an admin's act on the record.
public struct FieldHistoryEntry: Sendable, Equatable, Codable {
    /// Where the line comes from.
    public enum Origin: String, Sendable, Codable {
        /// A registry change (`change_event`): old → new, with its source.
        case change
        /// Who gave a value still held, and when (`field_provenance`, a contact point, a person,
        /// the run that imported the registry row).
        case provenance
        /// What a person or the daemon did on the prospect (`activity`).
        case action
        /// An article 14 notice given (`privacy_notice`).
        case notice
        /// An admin's act on the record or a rights request (`audit_log`).
        case audit
    }

    /// Stored UTC timestamp.
    public var at: String
    public var origin: Origin
    /// The field or the kind of act: `name`, `address`, `email`, `status_change`, `note`…
    public var field: String
    public var oldValue: String?
    public var newValue: String?
    /// The user (login) who did it, or nil for a source or the daemon.
    public var user: String?
    /// The source that said it (a `ProviderID` raw value, `sirene_stock`…), when not a user.
    public var source: String?
    public var detail: String?
    /// The source's declared legal basis, method and terms (`ProviderLegalBasis`), when the
    /// source is a known provider.
    public var legalBasis: String?

    public init(
        at: String, origin: Origin, field: String, oldValue: String? = nil, newValue: String? = nil,
        user: String? = nil, source: String? = nil, detail: String? = nil
    ) {
        self.at = at
        self.origin = origin
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.user = user
        self.source = source
        self.detail = detail
        legalBasis = source.flatMap(ProviderID.init(rawValue:)).map { ProviderLegalBasis.of($0).line }
    }
}
