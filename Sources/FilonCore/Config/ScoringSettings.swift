/// `[scoring]`: the weights of the prospect score and the tier and routing rules. The defaults
/// suit a web agency selling sites to young local businesses; the weights of an ideal prospect
/// add up to 100, and the total is clamped to 0...100 anyway.
///
/// ```toml
/// [scoring]
/// recent_company = 25     # created less than recent_full_days ago…
/// recent_full_days = 30
/// recent_zero_days = 365  # …then linearly down to 0 at this age
/// no_website = 25         # verdict no website / no website found / parked / unreachable
/// weak_website = 15       # verdict weak website
/// low_maturity = 10       # digital maturity none or weak (adds to the two above)
/// named_director = 10     # a physical-person director, or the sole trader's name
/// phone = 10              # a phone number that has not opted out
/// tier_a = 70             # score ≥ tier_a is tier A, ≥ tier_b tier B, else C
/// tier_b = 45
/// routes = ["A+director+phone:sales", "*:telemarketing"]
///
/// [scoring.sectors]       # NAF prefix or section letter = points; the longest prefix wins
/// "56" = 15
/// "96.02" = 15
///
/// [scoring.size_bands]    # INSEE size band = points; a band not listed is 0
/// "01" = 5
/// "32" = -10
/// ```
///
/// `sectors` and `size_bands` replace the default tables as a whole. Ceased companies, companies
/// in Sirene diffusion P and "ne plus contacter" prospects always score 0 and go nowhere.
public struct ScoringSettings: Sendable, Equatable {
    /// Points for a company created less than `recentFullDays` ago; they decay linearly to 0 at
    /// `recentZeroDays`.
    public var recentCompany = 25
    public var recentFullDays = 30
    public var recentZeroDays = 365
    public var noWebsite = 25
    public var weakWebsite = 15
    /// Digital maturity none (0) or weak (1): on top of the no-website or weak-website points.
    public var lowMaturity = 10
    public var namedDirector = 10
    public var phone = 10
    /// NAF rév. 2 prefix ("56", "96.02", "86.2", "56.10A") or section letter ("I") → points. The
    /// most specific match wins: a code beats a shorter prefix, any prefix beats a section.
    public var sectors: [String: Int] = Self.defaultSectors
    /// INSEE size band → points. Small employers buy sites; big ones have their agency.
    public var sizeBands: [String: Int] = Self.defaultSizeBands
    /// Lowest score of tier A.
    public var tierA = 70
    /// Lowest score of tier B; below it, tier C.
    public var tierB = 45
    /// Tried in order for an eligible prospect; the last one is always the catch-all `*`.
    public var routes: [RouteRule] = Self.defaultRoutes

    public init() {}

    /// Trades whose customers look them up online and that rarely have a site when they start.
    public static let defaultSectors: [String: Int] = [
        "56": 15,  // restaurants, cafés, bars, food trucks
        "55": 10,  // hotels, gîtes, campsites
        "10.71": 12,  // bakeries and pastry shops
        "47": 10,  // shops
        "45.2": 10,  // car repair
        "43": 15,  // building trades: plumbers, electricians, painters, roofers
        "41.2": 8,  // general builders
        "71.11": 10,  // architects
        "68.31": 12,  // estate agencies
        "69": 10,  // lawyers, accountants
        "86.2": 8,  // doctors, dentists
        "86.9": 8,  // physiotherapists, nurses and other health professions
        "96.02": 15,  // hairdressers, beauty salons
        "96.04": 10,  // spas, wellness
        "93.1": 8,  // gyms, sports clubs
        "85.5": 8,  // driving schools, tutoring, training
        "74.2": 8,  // photographers
        "81.2": 8,  // cleaning
        "79.1": 8,  // travel agencies
        "95": 5,  // repairs
    ]

    /// 1–49 employees score; non-employers and 0 do not; 200 and more lose points.
    public static let defaultSizeBands: [String: Int] = [
        "01": 5, "02": 5, "03": 5, "11": 5, "12": 5,
        "31": -10, "32": -10, "41": -10, "42": -10, "51": -10, "52": -10, "53": -10,
    ]

    public static let defaultRoutes: [RouteRule] = [
        RouteRule(tiers: [.a], director: true, phone: true, route: .sales), RouteRule(route: .telemarketing),
    ]
}
