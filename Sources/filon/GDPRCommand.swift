import ArgumentParser

/// `filon gdpr export|erase|suppress|purge`: answering a person's data-protection request (RGPD arts. 15, 17, 21).
/// Admins only; every answer is written to the audit log.
struct GDPRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gdpr",
        abstract: "Answer data-protection requests (export, erase), record objections, purge expired prospects.",
        discussion: """
            Find the person by an email or phone they gave, or by their name in one company \
            (--siren with --name "NOM Prénom"). Only an active admin may answer, and each answer \
            adds an audit_log row (gdpr_export, gdpr_erase). An erased person's emails and phones go \
            on the suppression list as hashes, so that no source stores them again.
            """,
        subcommands: [GDPRExportCommand.self, GDPREraseCommand.self, GDPRSuppressCommand.self, GDPRPurgeCommand.self])
}
