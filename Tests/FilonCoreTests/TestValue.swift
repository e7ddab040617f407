import FilonCore
import GRDB

/// One value read from a test database.
enum TestValue {
    static func int(_ db: AppDatabase, _ sql: String) throws -> Int? {
        try db.writer.read { try Int.fetchOne($0, sql: sql) }
    }
}
