/// What one source says about one company at one moment. Every field is optional: nil means
/// "this source does not say", never "empty". `CompanyMerger` folds it into the store.
public struct CompanyObservation: Sendable, Equatable {
    public var siren: Int
    public var name: String?
    public var legalForm: String?
    public var nafCode: String?
    public var creationDate: String?
    /// A closure as the source reports it: a radiation, a cessation, a closed legal unit.
    public var closure: Closure?
    public var headOffice: ObservedAddress?
    /// The complete list of active directors as the source knows it; nil when it does not say.
    public var directors: [Director]?
    public var finances: [FinanceYear]?
    public var notice: LegalNotice?
    /// The source may create the company when it is not stored yet (a registration notice).
    public var mayCreate = false
    /// The person behind a sole trader objected to commercial use (RNE `diffusionCommerciale`).
    public var personalDataWithheld = false

    public struct Closure: Sendable, Equatable {
        public var date: String?
        public init(date: String?) { self.date = date }
    }

    public init(siren: Int) { self.siren = siren }
}
