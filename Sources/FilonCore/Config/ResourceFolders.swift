import Foundation

/// Where Filon looks for a folder of files it ships (themes, email templates), in order: the
/// environment variable, the configured folder (relative to the working folder), `./NAME` (a
/// clone), then `../share/filon/NAME` beside the executable (an installation).
public enum ResourceFolders {
    public static func candidates(
        _ name: String, variable: String, environment: [String: String], currentDirectory: String,
        executablePath: String?, configured: String? = nil
    ) -> [String] {
        var dirs: [String] = []
        if let dir = environment[variable], !dir.isEmpty { dirs.append(dir) }
        if let configured, !configured.isEmpty {
            dirs.append(
                configured.hasPrefix("/")
                    ? configured : (currentDirectory as NSString).appendingPathComponent(configured))
        }
        dirs.append((currentDirectory as NSString).appendingPathComponent(name))
        if let executablePath {
            let binDir = (executablePath as NSString).deletingLastPathComponent
            dirs.append(
                ((binDir as NSString).appendingPathComponent("../share/filon/\(name)") as NSString).standardizingPath)
        }
        return dirs
    }
}
