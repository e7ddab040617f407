import ArgumentParser
import FilonCore
import Foundation

/// Options every command shares.
public struct CommonOptions: ParsableArguments {
    public init() {}

    @Option(name: .long, help: "The database file (default: $FILON_DB, else $XDG_DATA_HOME/filon/filon.sqlite).")
    public var db: String?

    @Option(name: .long, help: "The TOML settings (default: $FILON_CONFIG, else $XDG_CONFIG_HOME/filon/filon.toml).")
    public var config: String?

    public var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The database file these options name.
    public var databasePath: String { DatabaseLocation.resolve(explicit: db, environment: environment) }

    public func openDatabase() throws -> AppDatabase {
        do {
            return try AppDatabase.open(path: databasePath)
        } catch let error as StoreError {
            throw CommandFailure.runtime(error.description)
        }
    }

    public func loadConfig() throws -> FilonConfig {
        do {
            return try FilonConfig.load(explicitPath: config, environment: environment)
        } catch let error as ConfigError {
            throw CommandFailure.usage(error.description)
        }
    }
}
