import Foundation

/// Who may read and write the settings file. Provider keys and the SMTP password in a file that
/// any account on the machine can read are leaked keys; a file anyone can write lets them change
/// `calling.dial_command`, which runs as the operator. Like ssh with its keys, Filon refuses both.
/// The group bits stay free: on a shared server the operators' group reads the settings.
public struct ConfigFileMode: Sendable, Equatable {
    /// The permission bits (`st_mode & 0o777`).
    public var bits: Int

    public init(bits: Int) {
        self.bits = bits & 0o777
    }

    /// The file's mode, or nil when it cannot be read (the read that follows says why).
    public static func of(path: String) -> ConfigFileMode? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.posixPermissions] as? NSNumber).map { ConfigFileMode(bits: $0.intValue) }
    }

    public var othersCanRead: Bool { bits & 0o004 != 0 }
    public var othersCanWrite: Bool { bits & 0o002 != 0 }

    /// Throws when the file at `path`, with this mode, may not be used.
    public func check(path: String, holdsSecrets: Bool) throws {
        if othersCanWrite {
            throw ConfigError(
                path: path,
                "any account on this machine can change it (mode \(octal)): run `chmod o-w \(path)` "
                    + "(600 for one user, 640 for a group of operators)")
        }
        if holdsSecrets && othersCanRead {
            throw ConfigError(
                path: path,
                "holds API keys or the SMTP password and any account on this machine can read it "
                    + "(mode \(octal)): run `chmod 600 \(path)` (640 for a group of operators), "
                    + "or move the keys to FILON_<PROVIDER>_API_KEY and FILON_MAIL_PASSWORD")
        }
    }

    var octal: String { String(format: "%03o", bits) }
}
