import Foundation
import Testing

/// The daemon's command line as scripts use it: exit codes, summaries, status.
@Suite(.serialized) struct FilondCommandTests {
    @Test func importThenStatus() throws {
        let folder = try Binaries.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/filon.sqlite"
        let result = try Binaries.run(
            "filond",
            [
                "import", "sirene", "--db", db, "Fixtures/demo/StockUniteLegale_demo.csv",
                "Fixtures/demo/StockEtablissement_demo.csv",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("6000 rows read"))
        #expect(result.stdout.contains("6000 new, 0 changed"))
        // Not a terminal: no progress line, only the summary.
        #expect(!result.stderr.contains("rows/s"))

        let status = try Binaries.run("filond", ["status", "--json", "--db", db])
        #expect(status.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        #expect(json?["companies"] as? Int == 6000)
        #expect((json?["runs"] as? [Any])?.count == 2)
    }

    @Test func notASireneFileIsExitTwoWithTheFileNamed() throws {
        let folder = try Binaries.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try Binaries.run(
            "filond", ["import", "sirene", "--db", folder + "/f.sqlite", "Fixtures/samples/not_sirene.csv"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Fixtures/samples/not_sirene.csv: not a Sirene stock file"))
    }

    @Test func badUsageAndBadConfigAreExitTwo() throws {
        let folder = try Binaries.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try Binaries.run("filond", ["import", "sirene", "--no-such-option"]).status == 2)
        #expect(
            try Binaries.run("filond", ["import", "sirene", "--db", folder + "/f.sqlite", "/nonexistent.csv"]).status
                == 2)
        let config = folder + "/filon.toml"
        try "[import]\nactive_only = maybe\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try Binaries.run(
            "filond",
            [
                "import", "sirene", "--db", folder + "/f.sqlite", "--config", config,
                "Fixtures/demo/StockUniteLegale_demo.csv",
            ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("filon.toml:2:"))
    }

    @Test func anUnusableDatabaseIsExitOneWithAMessage() throws {
        let result = try Binaries.run("filond", ["status", "--db", "/proc/filon/cannot.sqlite"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot open the database /proc/filon/cannot.sqlite"))
    }
}
