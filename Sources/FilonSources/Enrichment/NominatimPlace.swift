import Foundation

/// One result of Nominatim `GET /search?format=jsonv2&addressdetails=1&extratags=1` (the answer is
/// an array of them). Coordinates come as strings; `extratags` is null when the object has none.
struct NominatimPlace: Decodable {
    var placeID: FlexibleString?
    var osmType: String?
    var osmID: FlexibleString?
    var lat: FlexibleNumber?
    var lon: FlexibleNumber?
    var category: String?
    var type: String?
    /// 30 for a house or a shop, 26–27 for a street, less for a town or an area.
    var placeRank: FlexibleNumber?
    var name: String?
    var displayName: String?
    var address: [String: JSONValue]?
    var extratags: [String: JSONValue]?

    enum CodingKeys: String, CodingKey {
        case lat, lon, category, type, name, address, extratags
        case placeID = "place_id"
        case osmType = "osm_type"
        case osmID = "osm_id"
        case placeRank = "place_rank"
        case displayName = "display_name"
    }

    var postcode: String? { RegistryValues.text(address?["postcode"]?.scalarText) }

    /// Whether the place is in `code`; a place across a boundary lists both ("69003;69006").
    func isIn(postcode code: String) -> Bool {
        (postcode ?? "").split(separator: ";").contains { $0.trimmingCharacters(in: .whitespaces) == code }
    }

    var coordinates: (latitude: Double, longitude: Double)? {
        guard let latitude = lat?.value, let longitude = lon?.value, abs(latitude) <= 90, abs(longitude) <= 180
        else { return nil }
        return (latitude, longitude)
    }
}
