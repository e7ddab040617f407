/// A line of an operator's list: enough to choose whom to look at.
public struct Prospect: Sendable, Equatable, Identifiable {
    public var siren: Int
    public var name: String
    public var city: String?
    public var postalCode: String?
    public var nafCode: String?
    public var creationDate: String?
    public var isActive: Bool
    public var status: PipelineStatus
    public var score: Int

    public var id: Int { siren }

    public init(
        siren: Int, name: String, city: String?, postalCode: String?, nafCode: String?,
        creationDate: String?, isActive: Bool, status: PipelineStatus, score: Int
    ) {
        self.siren = siren
        self.name = name
        self.city = city
        self.postalCode = postalCode
        self.nafCode = nafCode
        self.creationDate = creationDate
        self.isActive = isActive
        self.status = status
        self.score = score
    }
}
