import ArgumentParser

/// `filon-bench`: speed and memory figures, printed, never asserted by timed tests. Build in
/// release: `swift build -c release`.
@main
struct FilonBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filon-bench",
        abstract: "Benchmarks: the stock import, enrichment, scoring, search, the operator screen.",
        subcommands: [
            ImportBench.self, EnrichBench.self, ScoreBench.self, SearchBench.self, TUIBench.self, ReportBench.self,
            LoadBench.self, LoadOperator.self,
        ],
        defaultSubcommand: ImportBench.self)
}
