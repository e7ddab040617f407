/// The companies that entered the database during a report's period, and how.
///
/// "Detected automatically" means created by one of the daemon's detection passes (`run.kind =
/// 'pass'`: `sirene_api`, `bodacc`, `rne`, `recherche_entreprises`): businesses found as they
/// appear. Companies created by a stock file (`run.kind` starting with `import`: `filond import
/// sirene`, or the monthly file the daemon's `sirene_stock` source downloads) are counted apart,
/// because a stock file delivers the registry in bulk: the first one brings millions of companies
/// that are not new businesses.
public struct Detections: Sendable, Equatable, Codable {
    /// Companies detected automatically in the period.
    public let total: Int
    /// The same, per local day of the pass that found them, every day of the period in order.
    public let perDay: [DayCount]
    /// The same, per source, most first.
    public let bySource: [SourceCount]
    /// Companies created by stock files in the period (not in `total`).
    public let fromStockFiles: Int

    public init(total: Int, perDay: [DayCount], bySource: [SourceCount], fromStockFiles: Int) {
        self.total = total
        self.perDay = perDay
        self.bySource = bySource
        self.fromStockFiles = fromStockFiles
    }
}
