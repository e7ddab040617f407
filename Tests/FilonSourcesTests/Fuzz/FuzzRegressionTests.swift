import FilonCore
import FilonSources
import Foundation
import Testing

/// Inputs the fuzzers found that broke a parser, kept so that the fix stays.
@Suite struct FuzzRegressionTests {
    /// Shapes of TOML nested far deeper than a configuration needs.
    enum DeepTOML: String, CaseIterable {
        case dottedKey, tableHeader, nestedLists, nestedInlineTables

        var text: String {
            let key = Array(repeating: "k", count: 10_000).joined(separator: ".")
            switch self {
            case .dottedKey: return key + " = 1\n"
            case .tableHeader: return "[" + key + "]\n"
            case .nestedLists:
                return "a = " + String(repeating: "[", count: 30_000) + String(repeating: "]", count: 30_000) + "\n"
            case .nestedInlineTables:
                return "\n\na = " + String(repeating: "{b=", count: 30_000) + "1"
                    + String(repeating: "}", count: 30_000)
            }
        }
    }

    /// A 20 KB file with a key of 10,000 dotted parts, or lists nested 30,000 deep, overflowed the
    /// stack of the recursive TOML parser (signal 11) instead of naming the line.
    @Test(arguments: DeepTOML.allCases)
    func deepTOMLIsRefusedWithItsLine(_ shape: DeepTOML) {
        do {
            _ = try FilonConfig.parse(shape.text, path: "filon.toml")
            Issue.record("\(shape) was read")
        } catch let error as ConfigError {
            #expect(error.path == "filon.toml")
            #expect(error.line == (shape == .nestedInlineTables ? 3 : 1))
            #expect(error.message.contains("more than \(TOMLParser.maxDepth)"))
        } catch {
            Issue.record("untyped error \(error)")
        }
    }

    @Test func nestingAsDeepAsTheLimitIsStillRead() throws {
        let depth = TOMLParser.maxDepth
        let list = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let key = Array(repeating: "k", count: depth).joined(separator: ".")
        let root = try TOMLParser.parse("a = \(list)\n\(key) = 1\n")
        #expect(root["a"] != nil && root["k"] != nil)
    }

    /// A string with an invalid escape in an answer read as `JSONValue` (Société.com, Kaspr,
    /// Sirene API items) was reported as "(root): expected Array<Any>, found a dictionary": the
    /// failed attempts hid the real error. It is now the decoder's own "not JSON".
    @Test func aBrokenStringInAnyJSONIsNotCalledAMissingArray() throws {
        let body = Data(#"{"data":{"siren":"812775302","denoinsee":"MENUISERIE \x41"}}"#.utf8)
        guard case .refused(let message) = try FuzzTarget.societeCom.run(body) else {
            Issue.record("an invalid escape was read")
            return
        }
        #expect(message.hasPrefix("societe_com: "))
        #expect(message.contains("not JSON"))
        #expect(!message.contains("expected Array"))
    }

    /// A zip member stored (not deflated) with its sizes after the data was refused as using
    /// "compression method 0; only deflate and stored are supported", which contradicts itself.
    @Test func aStoredMemberWithADataDescriptorIsRefusedForWhatItIs() throws {
        let archive = try Data(
            contentsOf: FuzzCorpus.root.appendingPathComponent("sirene_zip/units_stored_with_descriptor.zip"))
        guard case .refused(let message) = try FuzzTarget.sireneArchive.run(archive) else {
            Issue.record("the member was read")
            return
        }
        #expect(message.contains("is stored with its size after the data"))
    }

    /// libFuzzer (`sirene_stock`): a record over several lines with doubled quotes, rejected for
    /// its shape, had its later lines read again from the buffer after its quotes had been undone
    /// in place. Those lines came out with bytes that are not in the file (here "yy") and, when a
    /// stale byte was a line feed, with line numbers past the end of the file.
    @Test func linesReadAgainAreTheFileAsItIs() throws {
        let csv = "a,b\n1,\"x\n\"\"\ny\",2,3\n"
        let reader = CSVRecordReader(source: MemoryByteSource(Data(csv.utf8)), bufferSize: 64)
        var outcomes: [String] = []
        loop: while true {
            switch try reader.next() {
            case .end: break loop
            case .malformed(let line, _): outcomes.append("\(line): malformed")
            case .record:
                let fields = (0..<reader.fieldCount).map { reader.string($0) }
                outcomes.append("\(reader.line): \(fields)")
                // As the importer does with a record of the wrong shape.
                if reader.fieldCount != 2 { reader.rereadAfterFirstLine() }
            }
        }
        #expect(
            outcomes == [
                "1: [\"a\", \"b\"]", "2: [\"1\", \"x\\n\\\"\\ny\", \"2\", \"3\"]", "3: [\"\"]", "4: malformed",
            ])
        #expect(!outcomes.contains { $0.contains("yy") })
    }

    /// The input libFuzzer found: every record it reads lies within the file's six lines.
    @Test func theFoundInputReadsWithinItsLines() throws {
        let input = try Data(
            contentsOf: FuzzCorpus.root.appendingPathComponent("sirene_stock/regression_reread_after_unescape.csv"))
        #expect(throws: Never.self) { try FuzzTarget.sireneStock.run(input) }
    }
}
