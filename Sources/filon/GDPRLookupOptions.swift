import ArgumentParser
import FilonCLI
import FilonCore
import Foundation

/// Who a `filon gdpr` request is about: exactly one of --email, --phone, or --siren with --name.
struct GDPRLookupOptions: ParsableArguments {
    @Option(help: "An email address the person gave.")
    var email: String?

    @Option(help: "A phone number the person gave (any spelling: 06 12 34 56 78, +33612345678).")
    var phone: String?

    @Option(help: "The company's SIREN, with --name.")
    var siren: String?

    @Option(help: "The person's name in that company, \"NOM Prénom\" (with --siren).")
    var name: String?

    /// The request as the core takes it, or a usage error saying what to give.
    func lookup() throws -> PersonLookup {
        let given = [email != nil, phone != nil, siren != nil || name != nil].filter { $0 }.count
        guard given == 1 else {
            throw CommandFailure.usage(
                "name the person one way: --email E, --phone P, or --siren S with --name \"NOM Prénom\"")
        }
        if let email { return .email(email) }
        if let phone { return .phone(phone) }
        guard let siren, let name, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CommandFailure.usage("--siren and --name go together: --siren 123456789 --name \"DUPONT Jean\"")
        }
        let digits = siren.filter { $0 != " " }
        guard Siren.isValid(digits), digits.count == 9, let number = Int(digits) else {
            throw CommandFailure.usage("\(siren) is not a SIREN: give its nine digits")
        }
        return .name(siren: number, name: name)
    }
}
