extension ConfigReader {
    func calling(_ value: TOMLValue) throws -> CallingSettings {
        let settings = CallingSettings()
        for (key, _) in try table(value, "calling") { throw unknown("calling.\(key)", known: []) }
        return settings
    }
}
