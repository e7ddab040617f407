import FilonSources
import Foundation

/// `filon-fuzz TARGET PATH…`: every file (folders are read one level deep, in name order) through
/// the target's parser, one line each. Exit status 1 when a parser broke its contract.
enum Replay {
    static let usage = """
        usage: filon-fuzz TARGET PATH...
        Replays inputs (files, or folders of files) through a parser; scripts/fuzz.sh builds the
        libFuzzer binary. Targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))
        """

    static func run(_ arguments: [String]) -> Int32 {
        guard arguments.count >= 2, let target = FuzzTarget(rawValue: arguments[0]) else {
            FileHandle.standardError.write(Data((usage + "\n").utf8))
            return 2
        }
        var (count, violations) = (0, 0)
        for path in arguments.dropFirst() {
            guard let files = files(at: path) else {
                FileHandle.standardError.write(Data("filon-fuzz: \(path): no such file or folder\n".utf8))
                return 2
            }
            for file in files {
                guard let bytes = FileManager.default.contents(atPath: file) else { continue }
                count += 1
                do {
                    switch try target.run(bytes) {
                    case .parsed(let summary): print("\(file): parsed: \(summary)")
                    case .refused(let message): print("\(file): refused: \(message)")
                    }
                } catch {
                    violations += 1
                    print("\(file): VIOLATION: \(error)")
                }
            }
        }
        print("filon-fuzz \(target.rawValue): \(count) inputs, \(violations) violations")
        return violations == 0 ? 0 : 1
    }

    /// The file itself, or the regular files of a folder sorted by name; nil when nothing is there.
    private static func files(at path: String) -> [String]? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return nil }
        guard isFolder.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { path + "/" + $0 }.filter {
            var isSub: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &isSub) && !isSub.boolValue
        }
    }
}
