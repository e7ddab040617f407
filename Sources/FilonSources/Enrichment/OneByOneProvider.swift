import FilonCore

/// A provider asked about one company per request (all but Dropcontact's batches).
protocol OneByOneProvider: EnrichmentProvider {
    func enrich(_ company: CompanyProfile, _ call: ProviderCall) async throws -> EnrichmentResult
}

extension OneByOneProvider {
    func enrich(_ companies: [CompanyProfile], _ call: ProviderCall) async throws -> [Int: EnrichmentResult] {
        var results: [Int: EnrichmentResult] = [:]
        for company in companies {
            if call.stop.isRequested { break }
            results[company.siren] = try await enrich(company, call)
        }
        return results
    }
}
