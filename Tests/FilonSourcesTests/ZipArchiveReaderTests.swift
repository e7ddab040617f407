import Foundation
import Testing

@testable import FilonSources

@Suite struct ZipArchiveReaderTests {
    /// Inflates the first member of an archive to a string.
    private func firstMember(_ path: String) throws -> (String, String) {
        let archive = try ZipArchiveReader(path: path)
        guard let entry = try archive.nextEntry() else { throw InputError(path: path, "no member") }
        var bytes: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let n = try entry.read(into: buffer)
            if n == 0 { break }
            bytes += buffer[0..<n]
        }
        #expect(try archive.nextEntry() == nil)
        return (entry.name, String(decoding: bytes, as: UTF8.self))
    }

    private func demoPrefix(lines: Int) throws -> String {
        let demo = try String(contentsOfFile: TestSupport.fixture("demo/StockUniteLegale_demo.csv"), encoding: .utf8)
        return demo.split(separator: "\n", omittingEmptySubsequences: false).prefix(lines).joined(separator: "\n")
            + "\n"
    }

    @Test func inflatesTheOfficialLayout() throws {
        let (name, text) = try firstMember(TestSupport.fixture("samples/StockUniteLegale_sample.zip"))
        #expect(name == "StockUniteLegale_utf8.csv")
        #expect(text == (try demoPrefix(lines: 201)))
    }

    @Test func readsMembersWithADataDescriptor() throws {
        let (_, text) = try firstMember(TestSupport.fixture("samples/StockUniteLegale_descriptor.zip"))
        #expect(text == (try demoPrefix(lines: 201)))
    }

    @Test func aTruncatedArchiveIsAnErrorNamingTheFile() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = try Data(
            contentsOf: URL(fileURLWithPath: TestSupport.fixture("samples/StockUniteLegale_sample.zip")))
        let path = folder + "/cut.zip"
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try firstMember(path)
        } throws: { error in
            "\(error)".contains("cut.zip") && "\(error)".contains("truncated")
        }
    }

    @Test func aDamagedMemberFailsItsCRC() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var data = try Data(
            contentsOf: URL(fileURLWithPath: TestSupport.fixture("samples/StockUniteLegale_sample.zip")))
        data[14] ^= 0xFF  // the CRC-32 in the local header
        let path = folder + "/crc.zip"
        try data.write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try firstMember(path)
        } throws: { error in
            "\(error)".contains("CRC")
        }
    }
}
