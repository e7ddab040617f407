import Foundation

/// Where the database file lives: `--db`, else `$FILON_DB`, else `$XDG_DATA_HOME/filon/filon.sqlite`
/// (with `~/.local/share` when XDG_DATA_HOME is unset).
public enum DatabaseLocation {
    public static func resolve(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let env = environment["FILON_DB"], !env.isEmpty { return env }
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/share")
        return dataHome + "/filon/filon.sqlite"
    }
}
