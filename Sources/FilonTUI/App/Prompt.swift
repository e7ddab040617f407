import FilonCore

/// The prospect an action is about, as it was shown when the action started.
public struct ActionTarget: Equatable, Sendable {
    public var siren: Int
    public var name: String
}

/// What a date prompt is for.
public enum DateIntent: Equatable, Sendable {
    /// The "À rappeler" outcome: the call is recorded with the callback date.
    case callback(Disposition)
    /// A follow-up on the prospect (`f`).
    case followUp
}

/// What a confirmation is for.
public enum ConfirmIntent: Equatable, Sendable {
    /// "Ne plus contacter" (`x`).
    case doNotContact
    /// An outcome that cannot be undone (the "Ne plus appeler" outcome).
    case outcome(Disposition)
    /// An email, edited and ready to go.
    case sendEmail(subject: String, to: String)

    var isEmail: Bool {
        if case .sendEmail = self { return true }
        return false
    }
}

/// A prompt that takes the keys until it is answered or cancelled.
public enum Prompt: Equatable, Sendable {
    /// A one-line note at the bottom.
    case note(ActionTarget, text: String)
    /// Quick date choices: tomorrow 9:00, in 3 days, next week, type a date.
    case dateChoice(ActionTarget, DateIntent, choices: [DateChoice], highlighted: Int)
    /// A date typed on the bottom line.
    case typedDate(ActionTarget, DateIntent, text: String)
    /// The eight pipeline statuses.
    case statusChoice(ActionTarget, current: PipelineStatus?, highlighted: Int)
    case confirm(ActionTarget, ConfirmIntent)
    /// Which template an email starts from.
    case emailTemplate(ActionTarget, names: [String], highlighted: Int)
    /// Which address, when the card has several.
    case emailRecipient(ActionTarget, labels: [String], highlighted: Int)
    /// Admin: who takes the prospects.
    case reassignTarget(ReassignPlan, title: String, targets: [Int?], labels: [String], highlighted: Int)
    /// Admin: narrow a user's prospects.
    case filterChoice(filters: [SelectionFilter], labels: [String], highlighted: Int)
    /// Admin: "rebalance now", asked before.
    case confirmRebalance
    /// Which number to call, when the card has several.
    case phoneChoice(ActionTarget, phones: [String], highlighted: Int)
    /// The search line (`/`): every keystroke searches.
    case search(text: String)

    /// Which part of the keymap answers.
    public var context: KeyContext {
        switch self {
        case .note, .typedDate: return .textInput
        case .dateChoice, .statusChoice, .phoneChoice, .emailTemplate, .emailRecipient, .reassignTarget, .filterChoice:
            return .choice
        case .confirm, .confirmRebalance: return .confirmation
        case .search: return .search
        }
    }

    /// The prospect the prompt is about (none for the search).
    public var target: ActionTarget? {
        switch self {
        case .note(let target, _), .dateChoice(let target, _, _, _), .typedDate(let target, _, _),
            .statusChoice(let target, _, _), .confirm(let target, _), .phoneChoice(let target, _, _),
            .emailTemplate(let target, _, _), .emailRecipient(let target, _, _):
            return target
        case .search, .reassignTarget, .filterChoice, .confirmRebalance: return nil
        }
    }

    /// The lines of a choice prompt, nil for the others.
    public var choiceLines: [String]? {
        switch self {
        case .dateChoice(_, _, let choices, _): return choices.map(\.label)
        case .statusChoice(_, let current, _):
            return PipelineStatus.allCases.map { $0 == current ? "\($0.label) (now)" : $0.label }
        case .phoneChoice(_, let phones, _): return phones
        case .emailTemplate(_, let names, _): return names
        case .emailRecipient(_, let labels, _): return labels
        case .reassignTarget(_, _, _, let labels, _), .filterChoice(_, let labels, _): return labels
        default: return nil
        }
    }

    /// The highlighted line of a choice prompt.
    public var highlighted: Int {
        switch self {
        case .dateChoice(_, _, _, let highlighted), .statusChoice(_, _, let highlighted),
            .phoneChoice(_, _, let highlighted), .emailTemplate(_, _, let highlighted),
            .emailRecipient(_, _, let highlighted), .reassignTarget(_, _, _, _, let highlighted),
            .filterChoice(_, _, let highlighted):
            return highlighted
        default: return 0
        }
    }

    /// The same choice prompt with another line highlighted.
    func highlighting(_ line: Int) -> Prompt {
        switch self {
        case .dateChoice(let target, let intent, let choices, _):
            return .dateChoice(target, intent, choices: choices, highlighted: line)
        case .statusChoice(let target, let current, _):
            return .statusChoice(target, current: current, highlighted: line)
        case .phoneChoice(let target, let phones, _): return .phoneChoice(target, phones: phones, highlighted: line)
        case .emailTemplate(let target, let names, _): return .emailTemplate(target, names: names, highlighted: line)
        case .emailRecipient(let target, let labels, _):
            return .emailRecipient(target, labels: labels, highlighted: line)
        case .reassignTarget(let plan, let title, let targets, let labels, _):
            return .reassignTarget(plan, title: title, targets: targets, labels: labels, highlighted: line)
        case .filterChoice(let filters, let labels, _):
            return .filterChoice(filters: filters, labels: labels, highlighted: line)
        default: return self
        }
    }

    /// The title of a choice prompt, or the words before a typed line.
    public var title: String {
        let name = target?.name ?? ""
        switch self {
        case .note: return "Note on \(name): "
        case .dateChoice(_, .callback, _, _), .typedDate(_, .callback, _):
            return "Callback for \(name)" + (context == .textInput ? ": " : "")
        case .dateChoice(_, .followUp, _, _), .typedDate(_, .followUp, _):
            return "Follow-up for \(name)" + (context == .textInput ? ": " : "")
        case .statusChoice: return "Status of \(name)"
        case .phoneChoice: return "Call \(name) on"
        case .emailTemplate: return "Email to \(name): template"
        case .emailRecipient: return "Email to \(name): address"
        case .confirm(_, .sendEmail(let subject, let to)):
            return "Send \u{201C}\(subject)\u{201D} to \(to)? y = send, any other key = no"
        case .confirm(_, .doNotContact):
            return "Ne plus contacter \(name) for good? y = yes, any other key = no"
        case .confirm(_, .outcome(let disposition)):
            return "\(disposition.label) for \(name), for good? y = yes, any other key = no"
        case .search: return "Search: "
        case .reassignTarget(_, let title, _, _, _): return "Reassign \(title) to"
        case .filterChoice: return "Show"
        case .confirmRebalance:
            return
                "Rebalance now: untouched prospects go from the overloaded to the others? y = yes, any other key = no"
        }
    }

    /// The text typed so far in a one-line prompt.
    public var text: String? {
        switch self {
        case .note(_, let text), .typedDate(_, _, let text), .search(let text): return text
        default: return nil
        }
    }

    /// What the line suggests while nothing is typed yet.
    public var placeholder: String? {
        switch self {
        case .typedDate: return "2026-12-01 14:30, 01/12 14h30, 01/12 (9:00)"
        case .search: return "a few letters of a name, a SIREN, a city, a director or a phone"
        default: return nil
        }
    }
}

/// The line under the panes: what the last action did, or why it was refused.
public struct StatusMessage: Equatable, Sendable {
    public enum Kind: Sendable {
        case info
        case success
        case refusal
    }

    public var text: String
    public var kind: Kind

    public init(_ text: String, _ kind: Kind) {
        self.text = text
        self.kind = kind
    }
}
