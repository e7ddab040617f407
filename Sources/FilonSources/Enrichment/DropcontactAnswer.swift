/// The body of Dropcontact `POST /enrich/all`: one record per person to enrich.
struct DropcontactRequest: Encodable {
    var data: [Record]
    /// Asks Dropcontact to find and return the company's SIREN, which maps answers back.
    var siren = true
    var language = "fr"

    /// A person, with what is known of their company. Nil fields are left out of the JSON.
    struct Record: Encodable, Equatable {
        var firstName: String?
        var lastName: String?
        var fullName: String?
        var company: String?
        var website: String?
        var numSiren: String?
        var linkedin: String?

        enum CodingKeys: String, CodingKey {
            case company, website, linkedin
            case firstName = "first_name"
            case lastName = "last_name"
            case fullName = "full_name"
            case numSiren = "num_siren"
        }
    }
}

/// The answer of `POST /enrich/all`: the id to poll with, or why the request was refused.
struct DropcontactSubmission: Decodable {
    var requestId: FlexibleString?
    var success: Bool?
    /// `false`, `true`, or a message, depending on the error.
    var error: JSONValue?
    var reason: String?
    var creditsLeft: FlexibleNumber?

    enum CodingKeys: String, CodingKey {
        case success, error, reason
        case requestId = "request_id"
        case creditsLeft = "credits_left"
    }
}

/// The answer of `GET /enrich/all/{request_id}`: `success:false` (HTTP 200) while the job runs,
/// then the records in the order they were sent.
struct DropcontactResult: Decodable {
    var success: Bool?
    var error: JSONValue?
    var reason: String?
    var data: [LenientItem<Record>]?

    struct Record: Decodable {
        var firstName: String?
        var lastName: String?
        var email: Emails?
        /// The qualification of older answers, where `email` was one text.
        var qualification: String?
        var phone: FlexibleString?
        var mobilePhone: FlexibleString?
        var linkedin: String?
        var companyLinkedin: String?
        var website: String?
        /// The SIREN Dropcontact found, and the one it was given.
        var siren: FlexibleString?
        var numSiren: FlexibleString?

        enum CodingKeys: String, CodingKey {
            case email, qualification, phone, linkedin, website, siren
            case firstName = "first_name"
            case lastName = "last_name"
            case mobilePhone = "mobile_phone"
            case companyLinkedin = "company_linkedin"
            case numSiren = "num_siren"
        }
    }

    struct Email: Decodable {
        var email: String?
        /// `nominatif@pro` (French), `nominative@pro`, `catch_all@pro`, `invalid`…
        var qualification: String?
    }

    /// `[{email, qualification}]`, or a single address as older versions sent it.
    struct Emails: Decodable {
        let values: [Email]

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let list = try? container.decode([LenientItem<Email>].self) {
                values = list.compactMap { try? $0.result.get() }
            } else {
                values = [Email(email: try container.decode(String.self), qualification: nil)]
            }
        }
    }
}

extension JSONValue {
    /// Dropcontact's `error`: true, or a message, means an error; false and null do not.
    var isDropcontactError: Bool {
        switch self {
        case .bool(let flag): return flag
        case .string(let text): return !text.isEmpty
        case .null: return false
        default: return true
        }
    }
}
