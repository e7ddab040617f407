import FilonCore

struct SireneStockSource: DetectionSource {
    var id: ProviderID { .sireneStock }
    func run(_ run: SourceRun) async throws {}
}
