import FilonCore
import Foundation
import GRDB

@testable import FilonSources

/// Paths and helpers shared by the FilonSources tests.
enum TestSupport {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func fixture(_ relative: String) -> String { root.appendingPathComponent("Fixtures/" + relative).path }

    /// A fresh temporary folder, removed by the caller's `defer`.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "filon-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A database file in a fresh folder (the importer works on any writer; a file exercises WAL).
    static func fileDatabase() throws -> (AppDatabase, String) {
        let folder = try temporaryFolder()
        return (try AppDatabase.open(path: folder + "/filon.sqlite"), folder)
    }

    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func value<T: DatabaseValueConvertibleSendable>(_ db: AppDatabase, _ sql: String, _ type: T.Type = T.self)
        throws -> T?
    {
        try db.writer.read { try T.fetchOne($0, sql: sql) }
    }
}

typealias DatabaseValueConvertibleSendable = DatabaseValueConvertible & StatementColumnConvertible & Sendable

/// A byte source over a string, handing out at most `chunk` bytes per read: record boundaries then
/// fall anywhere, as they do across the reader's buffer refills.
final class StringSource: ByteSource {
    private let bytes: [UInt8]
    private let chunk: Int
    private var offset = 0

    init(_ text: String, chunk: Int = 7) {
        bytes = Array(text.utf8)
        self.chunk = chunk
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(chunk, buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
        offset += n
        return n
    }

    var progress: (consumed: Int64, total: Int64?) { (Int64(offset), Int64(bytes.count)) }
}
