import Testing

@testable import FilonCore

/// `[scoring]` in filon.toml: defaults, every key, and errors that name the key and the fix.
@Suite struct ScoringSettingsTests {
    func parse(_ text: String) throws -> ScoringSettings {
        try FilonConfig.parse(text, path: "filon.toml").scoring
    }

    @Test func withoutASectionTheWebAgencyDefaultsApply() throws {
        let settings = try parse("")
        #expect(settings == ScoringSettings())
        #expect(settings.recentCompany == 25 && settings.recentFullDays == 30 && settings.recentZeroDays == 365)
        #expect(settings.noWebsite == 25 && settings.weakWebsite == 15 && settings.lowMaturity == 10)
        #expect(settings.namedDirector == 10 && settings.phone == 10)
        #expect(settings.tierA == 70 && settings.tierB == 45)
        #expect(settings.sectors["56"] == 15 && settings.sectors["96.02"] == 15 && settings.sectors["43"] == 15)
        #expect(settings.sizeBands["01"] == 5 && settings.sizeBands["53"] == -10 && settings.sizeBands["NN"] == nil)
    }

    @Test func theDefaultTablesPassTheirOwnValidation() throws {
        let sectors = ScoringSettings.defaultSectors.map { "\"\($0.key)\" = \($0.value)" }.joined(separator: "\n")
        let bands = ScoringSettings.defaultSizeBands.map { "\"\($0.key)\" = \($0.value)" }.joined(separator: "\n")
        let settings = try parse("[scoring.sectors]\n\(sectors)\n[scoring.size_bands]\n\(bands)\n")
        #expect(settings == ScoringSettings())
    }

    @Test func readsEveryKey() throws {
        let settings = try parse(
            """
            [scoring]
            recent_company = 30
            recent_full_days = 15
            recent_zero_days = 180
            no_website = 20
            weak_website = 12
            low_maturity = 5
            named_director = 8
            phone = 12
            tier_a = 75
            tier_b = 50
            routes = ["A+phone:sales", "C+!phone:none", "*:telemarketing"]

            [scoring.sectors]
            "56" = 20
            "96.02" = 18
            "56.10A" = 25
            I = 4
            "9604" = 3

            [scoring.size_bands]
            "01" = 6
            "53" = -20
            """)
        #expect(settings.recentCompany == 30 && settings.recentFullDays == 15 && settings.recentZeroDays == 180)
        #expect(settings.noWebsite == 20 && settings.weakWebsite == 12 && settings.lowMaturity == 5)
        #expect(settings.namedDirector == 8 && settings.phone == 12 && settings.tierA == 75 && settings.tierB == 50)
        #expect(settings.routes.map(\.description) == ["A+phone:sales", "C+!phone:none", "*:telemarketing"])
        // The tables replace the defaults.
        #expect(settings.sectors == ["56": 20, "96.02": 18, "56.10A": 25, "I": 4, "9604": 3])
        #expect(settings.sizeBands == ["01": 6, "53": -20])
    }

    @Test func inlineTablesWorkToo() throws {
        let settings = try parse("[scoring]\nsectors = { \"56\" = 1, 43 = 2 }\n")
        #expect(settings.sectors == ["56": 1, "43": 2])
    }

    @Test(arguments: [
        ("[scoring]\nweight = 3\n", "filon.toml: unknown setting scoring.weight; expected one of: low_maturity,"),
        (
            "[scoring]\nphone = \"10\"\n",
            "filon.toml: scoring.phone must be a whole number of points from -100 to 100, not a string"
        ),
        (
            "[scoring]\nphone = 101\n",
            "filon.toml: scoring.phone must be a whole number of points from -100 to 100, not 101"
        ),
        (
            "[scoring]\nphone = 1.5\n",
            "filon.toml: scoring.phone must be a whole number of points from -100 to 100, not a number"
        ),
        (
            "[scoring]\nrecent_zero_days = -1\n",
            "filon.toml: scoring.recent_zero_days must be a whole number of days from 0 to 3650"
        ),
        (
            "[scoring]\nrecent_full_days = 400\n",
            "filon.toml: scoring.recent_full_days (400) must not exceed scoring.recent_zero_days (365)"
        ),
        ("[scoring]\ntier_a = 120\n", "filon.toml: scoring.tier_a must be a score from 0 to 100, not 120"),
        ("[scoring]\ntier_a = 40\n", "filon.toml: scoring.tier_b (45) must not exceed scoring.tier_a (40)"),
        (
            "[scoring]\nroutes = \"A:sales\"\n",
            "filon.toml: scoring.routes: the last rule is \"A:sales\": end the list with a catch-all"
        ),
        (
            "[scoring]\nroutes = [\"A:sale\", \"*:telemarketing\"]\n",
            "filon.toml: scoring.routes: rule \"A:sale\" sends to \"sale\""
        ),
        (
            "[scoring]\nroutes = [\"A+boss:sales\", \"*:none\"]\n",
            "filon.toml: scoring.routes: rule \"A+boss:sales\" has an unknown condition \"boss\""
        ),
        ("[scoring]\nroutes = [1]\n", "filon.toml: scoring.routes must be a string in quotes, not an integer"),
        ("[scoring]\nroutes = {}\n", "filon.toml: scoring.routes must be a list of strings, not a table"),
        ("[scoring]\nsectors = 5\n", "filon.toml: scoring.sectors must be a table, not an integer"),
        (
            "[scoring.sectors]\n96.02 = 15\n",
            "filon.toml: scoring.sectors.96 must be a whole number of points; write codes with a dot in quotes"
        ),
        (
            "[scoring.sectors]\n\"5\" = 15\n",
            "filon.toml: scoring.sectors.\"5\" is not a NAF section: use a letter from A to U"
        ),
        ("[scoring.sectors]\nZ = 15\n", "filon.toml: scoring.sectors.\"Z\" is not a NAF section"),
        ("[scoring.sectors]\n\"5.61\" = 15\n", "filon.toml: scoring.sectors.\"5.61\" is not a NAF prefix"),
        ("[scoring.sectors]\n\"56.10AB\" = 15\n", "filon.toml: scoring.sectors.\"56.10AB\" is not a NAF prefix"),
        (
            "[scoring.sectors]\n\"restaurants\" = 15\n",
            "filon.toml: scoring.sectors.\"restaurants\" is not a NAF prefix"
        ),
        ("[scoring.sectors]\n\"96.2\" = 15\n", "filon.toml: scoring.sectors.\"96.2\" matches no NAF rév. 2 code"),
        (
            "[scoring.sectors]\n\"56\" = \"high\"\n",
            "filon.toml: scoring.sectors.\"56\" must be a whole number of points"
        ),
        ("[scoring.size_bands]\n\"7\" = 5\n", "filon.toml: scoring.size_bands.\"7\" is not an INSEE size band"),
        (
            "[scoring.size_bands]\n\"01\" = true\n",
            "filon.toml: scoring.size_bands.\"01\" must be a whole number of points"
        ),
    ])
    func errorsNameTheKeyAndTheFix(_ text: String, _ message: String) {
        #expect {
            _ = try FilonConfig.parse(text, path: "filon.toml")
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test func twoSpellingsOfOnePrefixAreRefused() {
        #expect {
            _ = try parse("[scoring.sectors]\n\"96.02\" = 15\n\"9602\" = 10\n")
        } throws: { error in
            "\(error)".contains("is the same prefix as")
        }
    }
}
