/// How a call ended, as the operator records it with one key. Each outcome carries the meaning
/// the queue, the pipeline and the suppression list act on, after VICIdial's status flags.
///
/// The cases are in menu order: the outcomes where nobody was reached first (the most frequent),
/// then the conversations, with "Ne plus appeler" last and on the farthest key so that it is not
/// pressed by accident. The raw values are the names used in the configuration and in storage.
public enum Disposition: String, CaseIterable, Codable, Sendable {
    case noAnswer = "no_answer"
    case voicemail
    case busy
    case wrongNumber = "wrong_number"
    /// Reached and talked, with no decision yet.
    case contact
    /// The prospect asked to be called back at a date the operator records.
    case callback
    case interested
    case notInterested = "not_interested"
    /// The person objects to being called: honoured at once and for good (RGPD art. 21).
    case doNotCall = "do_not_call"

    /// The label an operator reads on the call screen.
    public var label: String {
        switch self {
        case .noAnswer: return "Pas de réponse"
        case .voicemail: return "Messagerie"
        case .busy: return "Occupé"
        case .wrongNumber: return "Faux numéro"
        case .contact: return "Contact établi"
        case .callback: return "À rappeler"
        case .interested: return "Intéressé"
        case .notInterested: return "Pas intéressé"
        case .doNotCall: return "Ne plus appeler"
        }
    }

    /// The key pressed in the TUI unless the configuration moves it.
    public var defaultKey: String {
        switch self {
        case .noAnswer: return "1"
        case .voicemail: return "2"
        case .busy: return "3"
        case .wrongNumber: return "4"
        case .contact: return "5"
        case .callback: return "6"
        case .interested: return "7"
        case .notInterested: return "8"
        case .doNotCall: return "9"
        }
    }

    /// A person of the prospect was reached (VICIdial's "customer contact"): counts in the
    /// contact ratio and, for RGPD retention, as a contact with the prospect.
    public var isContact: Bool {
        switch self {
        case .contact, .callback, .interested, .notInterested, .doNotCall: return true
        case .noAnswer, .voicemail, .busy, .wrongNumber: return false
        }
    }

    /// The outcome the calling is for (VICIdial's "sale"): counts in the conversion rate.
    public var isPositive: Bool { self == .interested }

    /// No automatic recall follows: the prospect leaves the call queue until a person acts (the
    /// sales rep takes over, a new number is found, the rest after a refusal ends).
    public var isFinal: Bool {
        switch self {
        case .interested, .notInterested, .doNotCall, .wrongNumber: return true
        case .noAnswer, .voicemail, .busy, .contact, .callback: return false
        }
    }

    /// The operator must give the date of the next call before the outcome is saved.
    public var needsFollowUpDate: Bool { self == .callback }

    /// Sets the prospect's "ne plus contacter" flag and puts the number on the suppression list.
    public var marksDoNotContact: Bool { self == .doNotCall }

    /// The number dialled does not belong to the prospect: it must not be dialled again for them.
    public var invalidatesPhone: Bool { self == .wrongNumber }

    /// Whether the configuration may give this outcome a recycling rule. The others end or
    /// schedule the calling by their own meaning: a callback has its date, a refusal its legal
    /// rest, and a wrong number or a "do not call" must never be dialled again.
    public var isRecyclable: Bool {
        switch self {
        case .noAnswer, .voicemail, .busy, .contact: return true
        case .wrongNumber, .callback, .interested, .notInterested, .doNotCall: return false
        }
    }

    /// When the prospect may be called again after this outcome, unless the configuration says
    /// otherwise; nil for never.
    public var defaultRecycleRule: RecycleRule? {
        switch self {
        case .noAnswer: return RecycleRule(delay: 4, .hours, maxAttempts: 6)
        case .busy: return RecycleRule(delay: 30, .minutes, maxAttempts: 6)
        case .voicemail: return RecycleRule(delay: 1, .days, maxAttempts: 4)
        // A talk without a decision still needs a next step, or the prospect is forgotten.
        case .contact: return RecycleRule(delay: 3, .days, maxAttempts: 3)
        case .wrongNumber, .callback, .interested, .notInterested, .doNotCall: return nil
        }
    }

    /// The status a prospect not yet further along reaches with this outcome.
    public var pipelineStatus: PipelineStatus {
        switch self {
        case .noAnswer, .voicemail, .busy, .wrongNumber: return .aContacter
        case .contact: return .contacte
        case .callback: return .aRelancer
        case .interested: return .interesse
        case .notInterested: return .nonInteresse
        case .doNotCall: return .perdu
        }
    }

    /// The status of a prospect in `current` after this outcome. A customer stays a customer.
    /// Outcomes where nobody decided anything never move a prospect backwards: a missed call on
    /// an interested prospect leaves them interested. A decision (interested, callback, refusal,
    /// do not call) is the prospect's latest word and always applies.
    public func status(after current: PipelineStatus) -> PipelineStatus {
        if current == .client { return .client }
        switch self {
        case .noAnswer, .voicemail, .busy, .wrongNumber:
            return current == .nouveau ? pipelineStatus : current
        case .contact:
            return current == .nouveau || current == .aContacter ? pipelineStatus : current
        case .callback, .interested, .notInterested, .doNotCall:
            return pipelineStatus
        }
    }
}
