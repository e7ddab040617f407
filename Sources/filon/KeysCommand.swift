import ArgumentParser
import FilonCLI
import FilonCore
import FilonTUI

/// `filon keys [--defaults]`: the screen's keymap as Markdown, from the same table as the footer
/// and the `?` help (`filon keys --defaults > docs/KEYS.md`).
struct KeysCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Print the operator screen's keys as Markdown (docs/KEYS.md).")

    @OptionGroup var common: CommonOptions

    @Flag(help: "The built-in keys, ignoring [calling] keys in the configuration (what docs/KEYS.md holds).")
    var defaults = false

    func run() throws {
        let keymap = defaults ? Keymap.standard : try Self.keymap(try common.loadConfig().calling)
        print(keymap.markdown, terminator: "")
    }

    /// The keymap with the configured outcome keys; a key bound twice is a configuration error.
    static func keymap(_ calling: CallingSettings) throws -> Keymap {
        let keymap = Keymap.operatorKeys(dispositions: calling.dispositions)
        if let conflict = keymap.conflicts.first {
            throw CommandFailure.usage(
                "[calling] keys: the key \(conflict.key.label) is bound to several actions on the screen; "
                    + "choose another key for the outcome")
        }
        return keymap
    }
}
