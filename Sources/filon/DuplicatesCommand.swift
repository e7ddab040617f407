import ArgumentParser

/// `filon duplicates [--json] [--limit N]`, `filon duplicates dismiss A B`: companies that may
/// be one business, for an admin to merge or dismiss.
struct DuplicatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duplicates", abstract: "List likely duplicate companies with their evidence; dismiss a pair.",
        discussion: """
            Suggestions: the same phone, email or website on two companies; near-identical names (case, \
            accents and legal-form words aside) at the same postal code and street; a sole trader who \
            ceased and registered again in the same commune. Merge a pair with `filon merge LOSER WINNER`, \
            or dismiss it so that it never comes back.
            """,
        subcommands: [DuplicatesListCommand.self, DuplicatesDismissCommand.self],
        defaultSubcommand: DuplicatesListCommand.self)
}
