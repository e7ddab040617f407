import FilonCore
import Foundation

/// A suite that runs `filon` on a database file of its own, as one OS login or another.
protocol CommandSuite {
    var db: String { get }
}

extension CommandSuite {
    /// A new temporary folder and the database file in it, opened (its schema made).
    static func freshDatabase() throws -> (folder: String, db: String, database: AppDatabase) {
        let folder = try Binaries.temporaryFolder()
        let db = folder + "/filon.sqlite"
        return (folder, db, try AppDatabase.open(path: db))
    }

    /// `filon ARGS --db DB` as the OS login `user`.
    func filon(_ user: String, _ arguments: [String]) throws -> Binaries.Result {
        try Binaries.run("filon", arguments + ["--db", db], environment: ["USER": user])
    }
}
