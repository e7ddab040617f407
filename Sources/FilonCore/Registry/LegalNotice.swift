/// A legal announcement about a company (BODACC): its identity makes a replay harmless.
public struct LegalNotice: Sendable, Equatable {
    public enum Family: String, Sendable { case creation, modification, radiation, other }

    /// The publisher's id of the announcement.
    public var id: String
    public var family: Family
    public var label: String
    public var publishedOn: String?
    public var detail: String?

    public init(id: String, family: Family, label: String, publishedOn: String?, detail: String?) {
        self.id = id
        self.family = family
        self.label = label
        self.publishedOn = publishedOn
        self.detail = detail
    }

    /// The text of its change event; it starts with the id so that a replay finds it.
    public var eventText: String {
        "[\(id)] " + ([publishedOn, label, detail].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " — "))
    }
}
