import Testing

@testable import FilonCore

@Suite struct DispositionTests {
    /// disposition, label, key, status, recycle, then isContact, isPositive, isFinal,
    /// needsFollowUpDate, marksDoNotContact, invalidatesPhone.
    static let table: [(Disposition, String, String, PipelineStatus, String?, [Bool])] = [
        (.noAnswer, "Pas de réponse", "1", .aContacter, "4h x6", [false, false, false, false, false, false]),
        (.voicemail, "Messagerie", "2", .aContacter, "1d x4", [false, false, false, false, false, false]),
        (.busy, "Occupé", "3", .aContacter, "30m x6", [false, false, false, false, false, false]),
        (.wrongNumber, "Faux numéro", "4", .aContacter, nil, [false, false, true, false, false, true]),
        (.contact, "Contact établi", "5", .contacte, "3d x3", [true, false, false, false, false, false]),
        (.callback, "À rappeler", "6", .aRelancer, nil, [true, false, false, true, false, false]),
        (.interested, "Intéressé", "7", .interesse, nil, [true, true, true, false, false, false]),
        (.notInterested, "Pas intéressé", "8", .nonInteresse, nil, [true, false, true, false, false, false]),
        (.doNotCall, "Ne plus appeler", "9", .perdu, nil, [true, false, true, false, true, false]),
    ]

    @Test func everyOutcomeHasItsLabelKeyStatusRuleAndFlags() {
        #expect(Self.table.map(\.0) == Disposition.allCases)
        let catalog = DispositionCatalog()
        for (d, label, key, status, rule, flags) in Self.table {
            #expect(d.label == label)
            #expect(catalog.key(for: d) == key)
            #expect(catalog.disposition(forKey: key) == d)
            #expect(d.pipelineStatus == status)
            #expect(catalog.recycleRule(for: d)?.description == rule)
            #expect(
                [d.isContact, d.isPositive, d.isFinal, d.needsFollowUpDate, d.marksDoNotContact, d.invalidatesPhone]
                    == flags, "\(d)")
            // Only the outcomes that may be recycled have a rule, and a final one never does.
            if rule != nil { #expect(d.isRecyclable && !d.isFinal) }
        }
    }

    @Test func defaultKeysAreOneToNineOncePerOutcome() {
        let catalog = DispositionCatalog()
        #expect(catalog.dispositions.map { catalog.key(for: $0) } == (1...9).map(String.init))
        #expect(catalog.disposition(forKey: "0") == nil)
        #expect(catalog.disposition(forKey: "a") == nil)
    }

    @Test func outcomesWithoutADecisionNeverMoveAProspectBack() {
        for d in [Disposition.noAnswer, .voicemail, .busy, .wrongNumber] {
            #expect(d.status(after: .nouveau) == .aContacter)
            #expect(d.status(after: .aContacter) == .aContacter)
            #expect(d.status(after: .contacte) == .contacte)
            #expect(d.status(after: .interesse) == .interesse)
            #expect(d.status(after: .aRelancer) == .aRelancer)
        }
        #expect(Disposition.contact.status(after: .nouveau) == .contacte)
        #expect(Disposition.contact.status(after: .aContacter) == .contacte)
        #expect(Disposition.contact.status(after: .interesse) == .interesse)
        #expect(Disposition.contact.status(after: .aRelancer) == .aRelancer)
    }

    @Test func aDecisionAlwaysAppliesButACustomerStaysOne() {
        #expect(Disposition.notInterested.status(after: .interesse) == .nonInteresse)
        #expect(Disposition.interested.status(after: .nonInteresse) == .interesse)
        #expect(Disposition.callback.status(after: .contacte) == .aRelancer)
        #expect(Disposition.doNotCall.status(after: .aRelancer) == .perdu)
        for d in Disposition.allCases { #expect(d.status(after: .client) == .client) }
    }

    @Test func keysAndRulesCanBeMoved() throws {
        let catalog = try DispositionCatalog(
            keys: [.interested: "i", .doNotCall: "x"],
            recycle: [.noAnswer: RecycleRule(delay: 2, .hours, maxAttempts: 3), .busy: nil])
        #expect(catalog.disposition(forKey: "i") == .interested)
        #expect(catalog.disposition(forKey: "7") == nil)
        #expect(catalog.key(for: .doNotCall) == "x")
        #expect(catalog.recycleRule(for: .noAnswer) == RecycleRule(delay: 2, .hours, maxAttempts: 3))
        #expect(catalog.recycleRule(for: .busy) == nil)
        #expect(catalog.recycleRule(for: .voicemail) == RecycleRule(delay: 1, .days, maxAttempts: 4))
        // Swapping two keys is fine as long as both move.
        let swapped = try DispositionCatalog(keys: [.noAnswer: "2", .voicemail: "1"])
        #expect(swapped.disposition(forKey: "1") == .voicemail)
    }

    @Test func aKeyMeansOneOutcome() {
        #expect(throws: DispositionCatalogError.duplicateKey("7", [.busy, .interested])) {
            try DispositionCatalog(keys: [.busy: "7"])
        }
        #expect(throws: DispositionCatalogError.duplicateKey("z", [.noAnswer, .contact])) {
            try DispositionCatalog(keys: [.contact: "z", .noAnswer: "z"])
        }
        for bad in ["", "12", " ", "\t"] {
            #expect(throws: DispositionCatalogError.invalidKey(.busy, bad)) {
                try DispositionCatalog(keys: [.busy: bad])
            }
        }
    }

    @Test func finalOutcomesCannotBeRecycled() {
        for d in Disposition.allCases where !d.isRecyclable {
            #expect(throws: DispositionCatalogError.notRecyclable(d)) {
                try DispositionCatalog(recycle: [d: RecycleRule(delay: 1, .days, maxAttempts: 2)])
            }
        }
        let message = DispositionCatalogError.notRecyclable(.wrongNumber).description
        #expect(message.contains("never be dialled again"))
        #expect(message.contains("busy, contact, no_answer, voicemail"))
    }

    @Test(arguments: [
        ("4h x6", RecycleRule(delay: 4, .hours, maxAttempts: 6)),
        ("30m x6", RecycleRule(delay: 30, .minutes, maxAttempts: 6)),
        ("1d x4", RecycleRule(delay: 1, .days, maxAttempts: 4)),
        (" 2H X 3 ", RecycleRule(delay: 2, .hours, maxAttempts: 3)),
        ("90m×2", RecycleRule(delay: 90, .minutes, maxAttempts: 2)),
        ("365d x1", RecycleRule(delay: 365, .days, maxAttempts: 1)),
    ])
    func readsRecycleRules(text: String, expected: RecycleRule) {
        #expect(RecycleRule.parse(text) == expected)
        #expect(RecycleRule.parse(expected.description) == expected)
    }

    @Test(arguments: [
        "", "4h", "x6", "4 x6", "4h x", "0h x6", "4h x0", "4w x6", "-4h x6", "+4h x6", "4h x6 x2", "366d x1",
        "9999999999m x1", "never",
    ])
    func rejectsOtherRecycleRules(text: String) {
        #expect(RecycleRule.parse(text) == nil)
    }
}
