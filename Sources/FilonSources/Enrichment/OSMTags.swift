import FilonCore

/// The OpenStreetMap tags of a place, as Nominatim's `extratags` and Overpass's `tags` give them,
/// read for what a seller can use: names, websites, phones, emails, opening hours.
struct OSMTags: Equatable {
    /// Every tag with a non-empty text value; numbers or booleans, rare, read as text.
    let values: [String: String]

    init(_ raw: [String: JSONValue]?) {
        values = (raw ?? [:]).compactMapValues { RegistryValues.text($0.scalarText) }
    }

    /// The names a place goes by, main one first.
    var names: [String] { list(["name", "official_name", "alt_name", "short_name"]) }
    var websites: [String] { list(["website", "contact:website", "url"]) }
    var phones: [String] { list(["phone", "contact:phone", "mobile", "contact:mobile"]) }
    var emails: [String] { list(["email", "contact:email"]) }
    var postcode: String? { values["addr:postcode"] }

    var contacts: [ContactFinding] {
        websites.map { ContactFinding(kind: .website, value: $0) } + phones.compactMap { EnrichmentValues.phone($0) }
            + emails.compactMap { EnrichmentValues.email($0) }
    }

    /// Opening hours tell a seller when to call.
    var signals: [EnrichmentResult.Signal] {
        values["opening_hours"].map { [EnrichmentResult.Signal(kind: "opening_hours", detail: $0)] } ?? []
    }

    /// Values of the keys in order, split where OSM packs several in one tag ("a;b"), without repeats.
    private func list(_ keys: [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for key in keys {
            for part in (values[key] ?? "").split(separator: ";") {
                guard let value = RegistryValues.text(String(part)), seen.insert(value.lowercased()).inserted else {
                    continue
                }
                out.append(value)
            }
        }
        return out
    }
}
