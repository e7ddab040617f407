/// A postal address as a source gives it: structured when it can, a single line otherwise.
public struct ObservedAddress: Sendable, Equatable {
    public var streetNumber: String?
    public var streetType: String?
    public var streetName: String?
    public var complement: String?
    public var postalCode: String?
    public var city: String?
    public var cityCode: String?
    public var country: String?
    public var latitude: Double?
    public var longitude: Double?

    public init(
        streetNumber: String? = nil, streetType: String? = nil, streetName: String? = nil,
        complement: String? = nil, postalCode: String? = nil, city: String? = nil, cityCode: String? = nil,
        country: String? = nil, latitude: Double? = nil, longitude: Double? = nil
    ) {
        self.streetNumber = streetNumber
        self.streetType = streetType
        self.streetName = streetName
        self.complement = complement
        self.postalCode = postalCode
        self.city = city
        self.cityCode = cityCode
        self.country = country
        self.latitude = latitude
        self.longitude = longitude
    }

    /// One line, as change events and cards show it.
    public var line: String {
        let street = [streetNumber, streetType, streetName].compactMap { $0 }.joined(separator: " ")
        let town = [postalCode, city].compactMap { $0 }.joined(separator: " ")
        return [complement, street, town, country].compactMap { $0 }.filter { !$0.isEmpty }
            .joined(separator: ", ")
    }

    /// The department a postal code belongs to ("75", "2A", "974"), for the import filter.
    public var department: String? {
        guard let code = postalCode, code.count == 5, code.allSatisfy(\.isNumber) else { return nil }
        if code.hasPrefix("97") || code.hasPrefix("98") { return String(code.prefix(3)) }
        if code.hasPrefix("20") {
            // Corse-du-Sud takes 200xx–201xx, Haute-Corse 202xx–206xx.
            return Int(code.dropFirst(2).prefix(1)).map { $0 <= 1 ? "2A" : "2B" }
        }
        return String(code.prefix(2))
    }
}
