/// The body of Kaspr `POST /profile/linkedin`: a LinkedIn slug (not a URL) and the person's name.
struct KasprRequest: Encodable {
    var id: String
    var name: String
    var dataToGet: [String]
}

/// A Kaspr profile, read by field name since they change between API versions: every email
/// and phone field is a list or a single value, of texts or of objects holding the text.
struct KasprProfile {
    /// Professional emails, Kaspr's preferred ("starry") one first.
    var workEmails: [String]
    /// Emails Kaspr calls direct: personal mailboxes.
    var directEmails: [String]
    var phones: [String]
    var title: String?

    static let workEmailKeys = [
        "starryProfessionalEmail", "starryWorkEmail", "professionalEmails", "workEmails", "proEmails",
        "starry_professional_email", "professional_emails", "work_emails",
    ]
    static let directEmailKeys = [
        "starryDirectEmail", "directEmails", "personalEmails", "starry_direct_email", "direct_emails",
        "personal_emails",
    ]
    static let phoneKeys = ["starryPhone", "phones", "phoneNumbers", "mobilePhones", "starry_phone", "phone_numbers"]
    static let emailInnerKeys = ["email", "value", "address"]
    static let phoneInnerKeys = ["phone", "number", "phoneNumber", "value", "internationalNumber"]

    init(_ answer: JSONValue) {
        let profile = answer.value(forAnyOf: ["profile", "data"]) ?? answer
        let work = Self.texts(profile, Self.workEmailKeys, inner: Self.emailInnerKeys)
        workEmails = work
        directEmails = Self.texts(profile, Self.directEmailKeys, inner: Self.emailInnerKeys).filter {
            !work.contains($0)
        }
        phones = Self.texts(profile, Self.phoneKeys, inner: Self.phoneInnerKeys)
        title = profile.value(forAnyOf: ["title", "jobTitle", "job_title", "position"])?.textValue
    }

    var isEmpty: Bool { workEmails.isEmpty && directEmails.isEmpty && phones.isEmpty }

    /// The texts of these fields in order, without repeats: each a text, an object holding one
    /// of `inner`, or a list of those.
    static func texts(_ object: JSONValue, _ keys: [String], inner: [String]) -> [String] {
        var texts: [String] = []
        for key in keys {
            for element in object[key]?.elements ?? [] {
                guard let text = element.textValue ?? element.value(forAnyOf: inner)?.textValue,
                    !texts.contains(text)
                else { continue }
                texts.append(text)
            }
        }
        return texts
    }
}
