import ArgumentParser

/// `filon-bench`: speed and memory figures, printed, never asserted by timed tests. Build in
/// release: `swift build -c release`.
@main
struct FilonBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filon-bench", abstract: "Benchmarks: the stock import, the enrichment stage.",
        subcommands: [ImportBench.self, EnrichBench.self, ScoreBench.self, SearchBench.self],
        defaultSubcommand: ImportBench.self)
}
