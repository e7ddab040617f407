extension ConfigReader {
    func scoring(_ value: TOMLValue) throws -> ScoringSettings {
        let settings = ScoringSettings()
        for (key, _) in try table(value, "scoring") { throw unknown("scoring.\(key)", known: []) }
        return settings
    }
}
