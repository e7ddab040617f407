import Foundation
import Testing

@testable import FilonCore

@Suite struct CallingSettingsTests {
    @Test func withoutASectionTheDefaultsApply() throws {
        let settings = try FilonConfig.parse("", path: "filon.toml").calling
        #expect(settings == CallingSettings())
        #expect(settings.companyHours.map(\.description) == ["Mo-Fr 08:30-19:00"])
        #expect(settings.soleTraderHours.map(\.description) == ["Mo-Fr 10:00-13:00", "Mo-Fr 14:00-20:00"])
        #expect(settings.skipPublicHolidays)
        #expect(settings.soleTraderMaxAttempts == 4 && settings.soleTraderAttemptDays == 30)
        #expect(settings.restAfterRefusalDays == 60)
        #expect(settings.dispositions == DispositionCatalog())
    }

    @Test func everyKeyCanBeSet() throws {
        let settings = try FilonConfig.parse(
            """
            [calling]
            company_hours = ["Mo-Fr 09:00-12:00", "Mo-Th 14:00-18:00"]
            sole_trader_hours = "Tu,Th 10:00-12:00"   # one line is enough
            skip_public_holidays = false
            sole_trader_max_attempts = 3
            sole_trader_attempt_days = 15
            rest_after_refusal_days = 90
            keys = { interested = "i", not_interested = "n" }
            recycle = { no_answer = "2h x3", busy = "never", voicemail = " 2D X 2 " }
            """, path: "filon.toml"
        ).calling
        #expect(settings.companyHours.map(\.description) == ["Mo-Fr 09:00-12:00", "Mo-Th 14:00-18:00"])
        #expect(settings.soleTraderHours == [CallingHours(weekdays: [2, 4], start: 600, end: 720)])
        #expect(!settings.skipPublicHolidays)
        #expect(settings.soleTraderMaxAttempts == 3 && settings.soleTraderAttemptDays == 15)
        #expect(settings.restAfterRefusalDays == 90)
        let catalog = settings.dispositions
        #expect(catalog.disposition(forKey: "i") == .interested)
        #expect(catalog.disposition(forKey: "n") == .notInterested)
        #expect(catalog.key(for: .busy) == "3")
        #expect(catalog.recycleRule(for: .noAnswer) == RecycleRule(delay: 2, .hours, maxAttempts: 3))
        #expect(catalog.recycleRule(for: .busy) == nil)
        #expect(catalog.recycleRule(for: .voicemail) == RecycleRule(delay: 2, .days, maxAttempts: 2))
        #expect(catalog.recycleRule(for: .contact) == RecycleRule(delay: 3, .days, maxAttempts: 3))

        let policy = CallingPolicy(settings: settings)
        #expect(policy.soleTraderAttemptLimit == AttemptLimit(maxAttempts: 3, days: 15))
        #expect(policy.restAfterRefusalDays == 90)
        #expect(
            policy.soleTraderWindow.hours == settings.soleTraderHours && !policy.soleTraderWindow.skipsPublicHolidays)
    }

    @Test(arguments: [
        ("Mo-Fr 10:00-13:00", "Mo-Fr 10:00-13:00"),
        ("mo-fr 9:00-12:30", "Mo-Fr 09:00-12:30"),
        ("Mo,We,Fr 10:00-11:00", "Mo,We,Fr 10:00-11:00"),
        ("Mo-We,Fr 10:00-11:00", "Mo-We,Fr 10:00-11:00"),
        ("Sa-Mo 10:00-11:00", "Mo,Sa-Su 10:00-11:00"),
        ("Su 00:00-24:00", "Su 00:00-24:00"),
        ("  Tu   08:00-09:00 ", "Tu 08:00-09:00"),
    ])
    func readsCallingHours(text: String, canonical: String) throws {
        let hours = try CallingHours.parse(text)
        #expect(hours.description == canonical)
        #expect(try CallingHours.parse(canonical) == hours)
    }

    @Test(arguments: [
        "Mo-Fr 10-13", "Mo-Fr", "10:00-13:00", "Mo-Fr 10:00", "Lu-Ve 10:00-13:00", "Mo-Fr 10:00-25:00",
        "Mo-Fr 10:60-11:00", "Mo-Fr 10h00-13h00", "Mo-Fr 100:00-13:00", "Mo- 10:00-13:00", "Mo,,Fr 10:00-11:00",
        "Mo-Fr 10:00-13:00 14:00-20:00", "Mo-Fr +9:00-13:00", "",
    ])
    func rejectsOtherHours(text: String) {
        #expect(throws: CallingHoursError.malformed(text)) { try CallingHours.parse(text) }
    }

    @Test func hoursMustEndAfterTheyStart() {
        #expect(throws: CallingHoursError.endsBeforeStart("Mo-Fr 13:00-10:00")) {
            try CallingHours.parse("Mo-Fr 13:00-10:00")
        }
        #expect(throws: CallingHoursError.endsBeforeStart("Mo 10:00-10:00")) {
            try CallingHours.parse("Mo 10:00-10:00")
        }
    }

    @Test(arguments: [
        (
            "[calling]\nsole_trader_hours = [\"Mo-Fr 10-13\"]\n",
            "filon.toml: calling.sole_trader_hours: \"Mo-Fr 10-13\" must look like \"Mo-Fr 10:00-13:00\""
        ),
        (
            "[calling]\ncompany_hours = [\"Mo-Fr 19:00-08:30\"]\n",
            "filon.toml: calling.company_hours: \"Mo-Fr 19:00-08:30\" must end after it starts"
        ),
        ("[calling]\ncompany_hours = []\n", "filon.toml: calling.company_hours must list at least one range"),
        (
            "[calling]\ncompany_hours = 8\n",
            "filon.toml: calling.company_hours must be a list of strings, not an integer"
        ),
        (
            "[calling]\nsole_trader_max_attempts = 0\n",
            "filon.toml: calling.sole_trader_max_attempts must be a whole number ≥ 1, not 0"
        ),
        (
            "[calling]\nrest_after_refusal_days = \"60\"\n",
            "filon.toml: calling.rest_after_refusal_days must be a whole number ≥ 1, not a string"
        ),
        ("[calling]\nskip_public_holidays = 1\n", "filon.toml: calling.skip_public_holidays must be true or false"),
        (
            "[calling]\nhours = 1\n",
            "filon.toml: unknown setting calling.hours; expected one of: company_hours, dial_command, keys, recycle, "
                + "rest_after_refusal_days, share_callbacks_after_hours, skip_public_holidays, "
                + "sole_trader_attempt_days, sole_trader_hours, sole_trader_max_attempts, untreated_days"
        ),
        (
            "[calling]\nkeys = { intrested = \"2\" }\n",
            "filon.toml: unknown setting calling.keys.intrested; expected one of: busy, callback, contact, "
                + "do_not_call, interested, no_answer, not_interested, voicemail, wrong_number"
        ),
        (
            "[calling]\nkeys = { busy = 3 }\n",
            "filon.toml: calling.keys.busy must be a string in quotes, not an integer"
        ),
        (
            "[calling]\nkeys = { busy = \"33\" }\n",
            "filon.toml: calling.keys: busy must have one visible character as its key, like \"3\", not \"33\""
        ),
        (
            "[calling]\nkeys = { interested = \"2\" }\n",
            "filon.toml: calling.keys: \"2\" is the key of voicemail and interested; give each outcome its own key"
        ),
        (
            "[calling]\nrecycle = { no_answer = \"4 hours\" }\n",
            "filon.toml: calling.recycle.no_answer must be a delay in m, h or d and a maximum of attempts, "
                + "like \"4h x6\", or \"never\", not \"4 hours\""
        ),
        (
            "[calling]\nrecycle = { wrong_number = \"1d x2\" }\n",
            "filon.toml: calling.recycle: wrong_number cannot be recycled (that number must never be dialled again)"
        ),
        (
            "[calling]\nrecycle = { not_interested = \"never\" }\n",
            "filon.toml: calling.recycle: not_interested cannot be recycled (a refusal rests for rest_after_refusal_days)"
        ),
        ("[calling]\nrecycle = { hung_up = \"1h x2\" }\n", "filon.toml: unknown setting calling.recycle.hung_up"),
        ("[calling]\nrecycle = \"4h x6\"\n", "filon.toml: calling.recycle must be a table, not a string"),
    ])
    func rejectsBadSettingsNamingTheKey(text: String, message: String) {
        #expect {
            try FilonConfig.parse(text, path: "filon.toml")
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }
}
