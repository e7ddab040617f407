import Testing

@testable import FilonCore

/// Tiers, the routing rules in order, the prospects that go nowhere, and the rule syntax.
@Suite struct RouterTests {
    let router = Router(settings: ScoringSettings())

    func route(_ total: Int, _ facts: ProspectFacts = ProspectFacts(), router: Router? = nil) -> Routing {
        (router ?? self.router).route(facts, score: Score(total: total, reasons: []))
    }

    @Test func tierThresholds() {
        #expect(router.tier(for: 100) == .a)
        #expect(router.tier(for: 70) == .a)
        #expect(router.tier(for: 69) == .b)
        #expect(router.tier(for: 45) == .b)
        #expect(router.tier(for: 44) == .c)
        #expect(router.tier(for: 0) == .c)
        var settings = ScoringSettings()
        settings.tierA = 90
        settings.tierB = 10
        let other = Router(settings: settings)
        #expect(other.tier(for: 89) == .b)
        #expect(other.tier(for: 9) == .c)
    }

    @Test func tierAWithANamedDirectorAndAPhoneGoesToSales() {
        let both = ProspectFacts(hasNamedDirector: true, hasPhone: true)
        #expect(route(80, both) == Routing(tier: .a, route: .sales, reason: "tier A, named director, phone"))
        #expect(route(80, ProspectFacts(hasNamedDirector: true)).route == .telemarketing)
        #expect(route(80, ProspectFacts(hasPhone: true)).route == .telemarketing)
        #expect(route(60, both) == Routing(tier: .b, route: .telemarketing, reason: "default route"))
        #expect(route(0) == Routing(tier: .c, route: .telemarketing, reason: "default route"))
    }

    @Test func ceasedDoNotContactRestrictedAndArchivedGoNowhere() {
        let good = ProspectFacts(hasNamedDirector: true, hasPhone: true)
        var facts = good
        facts.isCeased = true
        #expect(route(90, facts) == Routing(tier: nil, route: .nowhere, reason: "company ceased"))
        facts = good
        facts.doNotContact = true
        #expect(route(90, facts) == Routing(tier: nil, route: .nowhere, reason: "do not contact"))
        facts = good
        facts.isRestricted = true
        #expect(route(90, facts).route == .nowhere)
        facts = good
        facts.isArchived = true
        #expect(route(90, facts) == Routing(tier: nil, route: .nowhere, reason: "archived"))
        // Whatever the rules say.
        var settings = ScoringSettings()
        settings.routes = [RouteRule(route: .sales)]
        #expect(route(90, facts, router: Router(settings: settings)).route == .nowhere)
    }

    @Test func rulesAreTriedInOrder() throws {
        var settings = ScoringSettings()
        settings.routes = try RouteRule.parseList([
            "C+!phone:none", "!C+director:sales", "A:sales", "*:telemarketing",
        ])
        let router = Router(settings: settings)
        #expect(route(10, router: router) == Routing(tier: .c, route: .nowhere, reason: "tier C, no phone"))
        #expect(route(10, ProspectFacts(hasPhone: true), router: router).route == .telemarketing)
        #expect(
            route(50, ProspectFacts(hasNamedDirector: true), router: router)
                == Routing(tier: .b, route: .sales, reason: "tier A or B, named director"))
        #expect(route(50, router: router).route == .telemarketing)
        #expect(route(75, router: router) == Routing(tier: .a, route: .sales, reason: "tier A"))
    }

    @Test(arguments: [
        ("A+director+phone:sales", "A+director+phone:sales"),
        (" a + Director + PHONE : Sales ", "A+director+phone:sales"),
        ("*:telemarketing", "*:telemarketing"),
        ("!C:sales", "!C:sales"),
        ("!A+!B:none", "C:none"),
        ("A+!B:sales", "A:sales"),
        ("!director+!phone:none", "!director+!phone:none"),
        ("B+B:sales", "B:sales"),
    ])
    func parsesAndNormalisesRules(_ text: String, _ normalised: String) throws {
        #expect(try RouteRule.parse(text).description == normalised)
    }

    @Test func theDefaultRulesAreTheDocumentedOnes() throws {
        #expect(ScoringSettings.defaultRoutes.map(\.description) == ["A+director+phone:sales", "*:telemarketing"])
        #expect(
            try RouteRule.parseList(["A+director+phone:sales", "*:telemarketing"]) == ScoringSettings.defaultRoutes)
    }

    @Test(arguments: [
        ("A+director", RouteRuleError.noRoute(rule: "A+director")),
        ("A:sale", .unknownRoute(rule: "A:sale", route: "sale")),
        ("A+boss:sales", .unknownCondition(rule: "A+boss:sales", condition: "boss")),
        ("A++phone:sales", .unknownCondition(rule: "A++phone:sales", condition: "")),
        (":sales", .unknownCondition(rule: ":sales", condition: "")),
        ("*+phone:sales", .unknownCondition(rule: "*+phone:sales", condition: "*")),
        ("A+B:sales", .neverMatches(rule: "A+B:sales")),
        ("A+!A:sales", .neverMatches(rule: "A+!A:sales")),
        ("phone+!phone:sales", .neverMatches(rule: "phone+!phone:sales")),
        ("!director+director:sales", .neverMatches(rule: "!director+director:sales")),
    ])
    func badRulesAreRefused(_ text: String, _ error: RouteRuleError) {
        #expect(throws: error) { _ = try RouteRule.parse(text) }
    }

    @Test func theListMustEndWithTheCatchAllAndNothingAfterIt() {
        #expect(throws: RouteRuleError.noCatchAll(last: "A:sales")) { _ = try RouteRule.parseList(["A:sales"]) }
        #expect(throws: RouteRuleError.noCatchAll(last: nil)) { _ = try RouteRule.parseList([]) }
        #expect(throws: RouteRuleError.unreachable(rule: "A:sales")) {
            _ = try RouteRule.parseList(["*:telemarketing", "A:sales"])
        }
    }

    @Test func errorsSayWhatToWrite() {
        #expect("\(RouteRuleError.noRoute(rule: "A"))".contains("CONDITIONS:ROUTE"))
        #expect("\(RouteRuleError.unknownRoute(rule: "A:x", route: "x"))".contains("sales, telemarketing or none"))
        #expect("\(RouteRuleError.unknownCondition(rule: "x:sales", condition: "x"))".contains("director or phone"))
        #expect("\(RouteRuleError.noCatchAll(last: "A:sales"))".contains("\"*:telemarketing\""))
        #expect("\(RouteRuleError.unreachable(rule: "A:sales"))".contains("move it before"))
    }
}
