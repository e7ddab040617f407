import ArgumentParser

/// A command that works on Filon's database (`--db`): a SQLite failure deep inside it (a full
/// disk, a file turned read-only) is told with the file's path and what to do.
public protocol DatabaseCommand: ParsableCommand {
    var common: CommonOptions { get }
}
