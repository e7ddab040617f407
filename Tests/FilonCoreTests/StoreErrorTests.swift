import Foundation
import GRDB
import Testing

@testable import FilonCore

/// SQLite's result codes become errors that say what happened to which file and what to do.
@Suite struct StoreErrorTests {
    let path = NSTemporaryDirectory() + "filon-store-error-\(UUID().uuidString).sqlite"

    @Test func aFullDiskNamesTheFileAndSaysWhatToDo() throws {
        let error = try #require(StoreError(DatabaseError(resultCode: .SQLITE_FULL), path: path))
        #expect(error == .diskFull(path: path))
        #expect(error.description.contains("the disk is full: cannot write to the database \(path)"))
        #expect(error.description.contains("Free some space"))
        #expect(!error.description.contains("SQLite error"))
    }

    @Test func extendedCodesMapByTheirPrimaryCode() throws {
        // SQLITE_IOERR_WRITE on a disk with room left, a writable folder: an I/O error, not "full".
        let io = try #require(StoreError(DatabaseError(resultCode: ResultCode(rawValue: 778)), path: path))
        #expect(io == .ioError(path: path, reason: "disk I/O error"))
        let corrupt = try #require(StoreError(DatabaseError(resultCode: .SQLITE_CORRUPT), path: path))
        #expect(corrupt.description.contains("damaged") && corrupt.description.contains(path))
        #expect(StoreError(DatabaseError(resultCode: .SQLITE_BUSY), path: path) == .locked(path: path))
    }

    @Test func errorsNoOneCanActOnStayAsTheyAre() {
        #expect(StoreError(DatabaseError(resultCode: .SQLITE_CONSTRAINT), path: path) == nil)
        #expect(StoreError(CocoaError(.fileNoSuchFile), path: path) == nil)
    }

    @Test func aReadOnlyErrorOnAWritableFileKeepsSQLitesReason() throws {
        // Root writes anywhere and the temporary folder is writable: nothing on disk explains it.
        let error = try #require(StoreError(DatabaseError(resultCode: .SQLITE_READONLY), path: path))
        #expect(error == .readOnly(path: path, reason: "attempt to write a readonly database"))
        #expect(error.description.hasPrefix("read-only: the database \(path) cannot be written"))
        #expect(error.description.contains("permissions") && error.description.contains("mounted read-only"))
    }
}
