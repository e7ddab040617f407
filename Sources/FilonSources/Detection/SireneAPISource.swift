import FilonCore

struct SireneAPISource: DetectionSource {
    var id: ProviderID { .sireneAPI }
    func run(_ run: SourceRun) async throws {}
}
