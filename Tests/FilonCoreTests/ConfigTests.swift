import Testing

@testable import FilonCore

@Suite struct ConfigTests {
    @Test func parsesTheImportFiltersAndProviders() throws {
        let config = try FilonConfig.parse(
            """
            # my market
            [import]
            active_only = true
            naf = ["J", "56.10A"]   # sections or codes
            departments = ["75", "2a"]
            created_after = "2024-01-01"
            exclude_sole_traders = true

            [providers.pappers]
            api_key = "secret"
            daily_budget = 200
            min_score = 60

            [providers.google_places]
            enabled = false

            [ui]
            theme = "light"
            """, path: "filon.toml")
        #expect(config.importFilter.activeOnly && config.importFilter.excludeSoleTraders)
        #expect(config.importFilter.naf == ["J", "56.10A"])
        #expect(config.importFilter.departments == ["75", "2A"])
        #expect(config.importFilter.createdAfter == "2024-01-01")
        #expect(config.providers[.pappers]?.apiKey == "secret")
        #expect(config.providers[.pappers]?.dailyBudget == 200)
        #expect(config.providers[.googlePlaces]?.enabled == false)
        #expect(config.theme == "light")
        #expect(!"\(config.providers[.pappers]!)".contains("secret"))
    }

    @Test func environmentOverridesTheFile() throws {
        var config = try FilonConfig.parse("[providers.pappers]\nbase_url = \"https://api.pappers.fr/v2\"\n", path: "f")
        config.applyEnvironment(["FILON_PAPPERS_BASE_URL": "http://127.0.0.1:9000", "FILON_KASPR_API_KEY": "k"])
        #expect(config.providers[.pappers]?.baseURL == "http://127.0.0.1:9000")
        #expect(config.providers[.kaspr]?.apiKey == "k")
    }

    @Test(arguments: [
        ("[import]\nactive_only = yes\n", "filon.toml:2: unexpected \"y\": strings need quotes"),
        ("[import]\nactive_only = \"yes\"\n", "filon.toml: import.active_only must be true or false, not a string"),
        (
            "[import]\ncreated_after = \"01/02/2024\"\n",
            "filon.toml: import.created_after must be a date written YYYY-MM-DD, not \"01/02/2024\""
        ),
        (
            "[import]\ncreated_after = \"2026-13-45\"\n",
            "filon.toml: import.created_after must be a date written YYYY-MM-DD"
        ),
        ("[providers.papers]\n", "filon.toml: unknown setting providers.papers; expected one of:"),
        ("[import]\nnaf = [\"J\"\n", "filon.toml:3: expected , or ] in a list"),
        ("[import]\n[import]\n", "filon.toml:2: table [import] is defined twice"),
        ("name = \"open\n", "filon.toml:1: a string is not closed on its line"),
    ])
    func errorsNameThePlace(_ text: String, _ message: String) {
        #expect {
            _ = try FilonConfig.parse(text, path: "filon.toml")
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test func aMissingDefaultFileMeansDefaultsButAMissingExplicitOneIsAnError() throws {
        let env = ["XDG_CONFIG_HOME": "/nonexistent-filon"]
        #expect(try FilonConfig.load(explicitPath: nil, environment: env).importFilter.isEmpty)
        #expect(throws: ConfigError.self) {
            _ = try FilonConfig.load(explicitPath: "/nonexistent-filon/x.toml", environment: env)
        }
    }

    @Test func databaseLocation() {
        #expect(DatabaseLocation.resolve(explicit: "a.sqlite", environment: ["FILON_DB": "b"]) == "a.sqlite")
        #expect(DatabaseLocation.resolve(explicit: nil, environment: ["FILON_DB": "b"]) == "b")
        #expect(
            DatabaseLocation.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "/d"]) == "/d/filon/filon.sqlite")
        #expect(
            DatabaseLocation.resolve(explicit: nil, environment: ["HOME": "/h"]) == "/h/.local/share/filon/filon.sqlite"
        )
    }
}
