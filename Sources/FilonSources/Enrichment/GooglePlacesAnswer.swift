/// The answer of Places API (New) `POST /v1/places:searchText`: `{}` when nothing is found. Only
/// the fields of the field mask are sent; a place with a field of the wrong type is skipped.
struct GooglePlacesAnswer: Decodable {
    var places: [LenientItem<GooglePlace>]?
}

struct GooglePlace: Decodable {
    var id: String?
    var displayName: LocalizedText?
    var formattedAddress: String?
    var addressComponents: [AddressComponent]?
    var nationalPhoneNumber: String?
    var internationalPhoneNumber: String?
    var websiteUri: String?
    var rating: FlexibleNumber?
    var userRatingCount: FlexibleNumber?
    /// OPERATIONAL, CLOSED_TEMPORARILY or CLOSED_PERMANENTLY.
    var businessStatus: String?
    var googleMapsUri: String?
    var types: [String]?

    struct LocalizedText: Decodable {
        var text: String?
        var languageCode: String?
    }

    struct AddressComponent: Decodable {
        var longText: String?
        var shortText: String?
        var types: [String]?
    }

    /// The postcodes the place gives: its `postal_code` component, else the five-digit groups of
    /// its formatted address ("45 Rue Paul Bert, 69003 Lyon, France").
    var postalCodes: [String] {
        let components = (addressComponents ?? []).filter { $0.types?.contains("postal_code") == true }
            .compactMap { RegistryValues.text($0.longText ?? $0.shortText) }
        if !components.isEmpty { return components }
        let groups = (formattedAddress ?? "").split { !$0.isNumber }
        return groups.filter { $0.count == 5 }.map(String.init)
    }
}
