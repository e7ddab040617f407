/// The answer of Clearbit `GET /v2/companies/find?domain=`. Only the fields Filon uses are read.
struct ClearbitCompany: Decodable {
    var name: String?
    var legalName: String?
    var domain: String?
    var site: Site?
    var category: Category?
    var metrics: Metrics?
    /// Technologies seen on the site ("wordpress", "google_analytics"…).
    var tech: StringList?
    var linkedin: Handle?

    struct Site: Decodable {
        var phoneNumbers: StringList?
        var emailAddresses: StringList?
    }

    struct Category: Decodable {
        var sector: String?
        var industry: String?
    }

    struct Metrics: Decodable {
        var employees: FlexibleNumber?
        /// "1-10", "11-50"…
        var employeesRange: String?
    }

    struct Handle: Decodable {
        /// "company/boulangerie-martin", or just "boulangerie-martin".
        var handle: String?
    }
}
