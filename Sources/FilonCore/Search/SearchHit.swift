/// One company `ProspectSearch` found, with where the query's words were found in it.
public struct SearchHit: Sendable, Equatable {
    public enum Field: String, Sendable, CaseIterable {
        case name, siren, city, director, phone
    }

    /// A field the query matched, with the matching value: the name, acronym or usual name; the
    /// SIREN; the city; one director; one phone (its national digits when French).
    public struct Match: Sendable, Equatable {
        public var field: Field
        public var text: String

        public init(field: Field, text: String) {
            self.field = field
            self.text = text
        }
    }

    public var siren: Int
    public var name: String?
    public var city: String?
    /// In `Field` order; empty when the company changed since it was indexed and no longer matches.
    public var matches: [Match]

    public init(siren: Int, name: String?, city: String?, matches: [Match]) {
        self.siren = siren
        self.name = name
        self.city = city
        self.matches = matches
    }

    public var fields: [Field] { matches.map(\.field) }
}
