import Testing

@testable import FilonSources

/// Reads every outcome of a CSV text as strings, for assertions.
private func readAll(_ text: String, chunk: Int = 7, bufferSize: Int = 16) throws -> [String] {
    let reader = CSVRecordReader(source: StringSource(text, chunk: chunk), bufferSize: bufferSize, maxRecordBytes: 64)
    var out: [String] = []
    while true {
        switch try reader.next() {
        case .end: return out
        case .malformed(let line, let reason): out.append("bad \(line): \(reason)")
        case .record: out.append("\(reader.line): " + (0..<reader.fieldCount).map { "[\(reader.string($0))]" }.joined())
        }
    }
}

@Suite struct CSVRecordReaderTests {
    @Test func plainAndQuotedFields() throws {
        let rows = try readAll("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n")
        #expect(rows == ["1: [a][b][c]", "2: [1][x, y][say \"hi\"]"])
    }

    @Test func crlfEmptyFieldsAndNoFinalNewline() throws {
        let rows = try readAll("a,,c\r\n,\"\",\r\nlast,row")
        #expect(rows == ["1: [a][][c]", "2: [][][]", "3: [last][row]"])
    }

    @Test func quotedNewlineCountsLines() throws {
        let rows = try readAll("a,\"two\nlines\"\nb,c\n")
        #expect(rows == ["1: [a][two\nlines]", "3: [b][c]"])
    }

    @Test func accentsSurviveEveryChunkBoundary() throws {
        let text = "siren,nom\n123,\"Éléonore « Chez Maïté », Œuvre\"\n"
        for chunk in 1...9 {
            #expect(try readAll(text, chunk: chunk)[1] == "2: [123][Éléonore « Chez Maïté », Œuvre]")
        }
    }

    @Test func brokenQuotingIsReportedAndReadingGoesOn() throws {
        let rows = try readAll("a,b\n1,\"abc\"def\n2,ok\n3,x\"y\n4,fine\n")
        #expect(
            rows == [
                "1: [a][b]", "bad 2: a quoted field is followed by text before the next comma", "3: [2][ok]",
                "bad 4: a quote inside an unquoted field", "5: [4][fine]",
            ])
    }

    @Test func unterminatedQuoteAtTheEndIsReported() throws {
        let rows = try readAll("a,b\n1,\"never closed\n")
        #expect(rows == ["1: [a][b]", "bad 2: unterminated quoted field at the end of the file"])
    }

    @Test func overlongRecordIsCutToOneLine() throws {
        // An unterminated quote runs past the 64-byte limit: its line is rejected, the next ones read.
        let rows = try readAll("h\n\"" + String(repeating: "x", count: 80) + "\nnext\n")
        #expect(rows.count == 3)
        #expect(rows[1].hasPrefix("bad 2: record longer than"))
        #expect(rows[2] == "3: [next]")
    }

    @Test func aRejectedMultiLineRecordGivesItsOtherLinesBack() throws {
        let reader = CSVRecordReader(source: StringSource("a,\"b\nc,d\"\ne,f\n"), bufferSize: 64)
        guard case .record = try reader.next() else {
            Issue.record("expected a record")
            return
        }
        #expect(reader.line == 1 && reader.fieldCount == 2)
        reader.rereadAfterFirstLine()
        // Line 2 read on its own ends in a stray quote; line 3 is intact again.
        guard case .malformed(let line, _) = try reader.next() else {
            Issue.record("expected a bad line")
            return
        }
        #expect(line == 2)
        guard case .record = try reader.next() else {
            Issue.record("expected a record")
            return
        }
        #expect(reader.line == 3 && reader.string(0) == "e" && reader.fieldCount == 2)
    }
}
