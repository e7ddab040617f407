import FilonCore

/// One incremental source of the daemon's pass. It pulls what is new or changed since its
/// watermark, folds it into the store through `SourceRun`, and moves the watermark only once
/// everything before it is stored.
protocol DetectionSource: Sendable {
    var id: ProviderID { get }
    func run(_ run: SourceRun) async throws
}
