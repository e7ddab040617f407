import FilonCore

/// What a key does. The app interprets an action according to the focused pane and the prompt
/// on screen.
public enum Action: Hashable, Sendable, CaseIterable {
    case moveDown
    case moveUp
    case pageDown
    case pageUp
    case top
    case bottom
    case switchFocus
    /// Reserve the first prospect of the queue and select it.
    case nextProspect
    /// Call the prospect: the number, the dial command, the timer.
    case call
    /// Record how the call to the selected prospect ended.
    case outcome(Disposition)
    case addNote
    case followUp
    case changeStatus
    case doNotContact
    /// Incremental search (FTS5) over name, SIREN, city, director and phone.
    case search
    /// The list of my follow-ups due today.
    case showFollowUpsToday
    /// The list of my forgotten prospects.
    case showForgotten
    /// An email from a template, edited in `$EDITOR`.
    case email
    /// The dashboard in place of the card.
    case dashboard
    /// Admin: the team with its load, and their prospects.
    case teamScreen
    /// Admin: open the selected user's prospects.
    case openRow
    /// Admin: mark or unmark the selected prospect for a reassignment.
    case toggleMark
    /// Admin: mark every prospect of the list.
    case markAll
    /// Admin: give the marked prospects (or the selected one, or all of a user's) to someone.
    case reassign
    /// Admin: "rebalance now".
    case rebalance
    /// Admin: narrow a user's prospects to a status or a tier.
    case filter
    case toggleHelp
    case closeOverlay
    case reload
    case quit
    // In prompts.
    case confirm
    case cancel
    case deleteBackward
    case pickChoice
    case confirmYes
    /// From the search line to its results.
    case browseResults

    public static var allCases: [Action] {
        [.moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom, .switchFocus, .nextProspect, .call]
            + Disposition.allCases.map(Action.outcome)
            + [
                .addNote, .followUp, .changeStatus, .doNotContact, .search, .showFollowUpsToday, .showForgotten,
                .email, .dashboard, .teamScreen, .openRow, .toggleMark, .markAll, .reassign, .rebalance, .filter,
                .toggleHelp, .closeOverlay, .reload, .quit, .confirm, .cancel, .deleteBackward, .pickChoice,
                .confirmYes, .browseResults,
            ]
    }
}

/// Where a binding applies: the main screen, or one of the prompts that take the keys for a moment.
public enum KeyContext: String, CaseIterable, Sendable {
    case main
    /// A one-line input at the bottom (a note, a date).
    case textInput
    /// A short list of choices (a follow-up date, a status).
    case choice
    /// A yes/no question before something that cannot be undone.
    case confirmation
    /// The search line, where characters are the search.
    case search

    /// The heading of the context in the help overlay and in docs/KEYS.md.
    public var title: String {
        switch self {
        case .main: return "Main screen"
        case .textInput: return "In a one-line input (note, date)"
        case .choice: return "In a list of choices (follow-up date, status)"
        case .confirmation: return "In a confirmation"
        case .search: return "In the search line"
        }
    }
}

/// Who may use a binding. The screen greys out what the current user may not do and says why.
public enum KeyRequirement: Hashable, Sendable {
    case everyone
    /// An active CRM user, of any role.
    case crmUser
    /// A telemarketer or a sales rep: someone with a call queue.
    case queueRole
    /// An active admin.
    case admin

    /// Who, in the words of docs/KEYS.md.
    public var who: String {
        switch self {
        case .everyone: return "everyone"
        case .crmUser: return "CRM users"
        case .queueRole: return "telepro, commercial"
        case .admin: return "admins"
        }
    }
}

/// One row of the keymap table: the keys, what they do, how the footer names them, where they
/// apply and who may use them.
public struct KeyBinding: Hashable, Sendable {
    public var keys: [Key]
    public var action: Action
    /// The sentence shown in the help overlay.
    public var description: String
    /// The short word shown in the footer, or nil to leave the binding out of the footer.
    /// Adjacent bindings with the same hint share one footer entry ("j/k move").
    public var hint: String?
    public var context: KeyContext
    public var requirement: KeyRequirement
    /// When the footer is short of room, the entries of lowest rank go first.
    public var footerRank: Int

    /// The keys as the help writes them: "j, ↓", or "1–9" for a run of digits.
    public var keysLabel: String {
        let run = Keymap.label(keys)
        return run.contains("–") ? run : keys.map(\.label).joined(separator: ", ")
    }

    public init(
        keys: [Key], action: Action, description: String, hint: String? = nil, context: KeyContext = .main,
        requirement: KeyRequirement = .everyone, footerRank: Int = 0
    ) {
        self.keys = keys
        self.action = action
        self.description = description
        self.hint = hint
        self.context = context
        self.requirement = requirement
        self.footerRank = footerRank
    }
}

/// One entry of the footer: the keys as written and the word after them.
public struct FooterHint: Hashable, Sendable {
    public var keys: String
    public var label: String
    public var actions: [Action]
    public var rank: Int

    public var text: String { "\(keys) \(label)" }
}

/// The one table of key bindings. The dispatcher, the footer hints, the `?` help overlay and
/// docs/KEYS.md are all derived from it, so they cannot disagree.
public struct Keymap: Sendable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    /// The bindings of one context, in table order.
    public func bindings(in context: KeyContext) -> [KeyBinding] {
        bindings.filter { $0.context == context }
    }

    /// The binding of `key` in `context`, or nil when the key does nothing there.
    public func binding(for key: Key, in context: KeyContext = .main) -> KeyBinding? {
        bindings.first { $0.context == context && $0.keys.contains(key) }
    }

    /// The action bound to `key` in `context`, or nil when the key does nothing there.
    public func action(for key: Key, in context: KeyContext = .main) -> Action? {
        binding(for: key, in: context)?.action
    }

    /// The keys of `action`, for messages such as "q quit".
    public func keys(for action: Action) -> [Key] {
        bindings.filter { $0.action == action }.flatMap(\.keys)
    }

    /// The binding of `action`.
    public func binding(for action: Action) -> KeyBinding? {
        bindings.first { $0.action == action }
    }

    /// Keys bound twice in one context (a configuration that moved an outcome onto another key).
    public var conflicts: [(key: Key, context: KeyContext, actions: [Action])] {
        var out: [(Key, KeyContext, [Action])] = []
        for context in KeyContext.allCases {
            var seen: [Key: [Action]] = [:]
            var order: [Key] = []
            for binding in bindings(in: context) {
                for key in binding.keys {
                    if seen[key] == nil { order.append(key) }
                    seen[key, default: []].append(binding.action)
                }
            }
            for key in order where seen[key]!.count > 1 { out.append((key, context, seen[key]!)) }
        }
        return out
    }

    /// Footer entries of the main screen in table order; adjacent bindings with the same hint are
    /// merged and show the first key of each ("j/k move", and "1–9 outcome" for a run of digits).
    /// `isEnabled` leaves out what the user may not do.
    public func footerHints(context: KeyContext = .main, isEnabled: (KeyBinding) -> Bool = { _ in true })
        -> [FooterHint]
    {
        var hints: [FooterHint] = []
        var keys: [[Key]] = []
        var previousHint: String?
        for binding in bindings(in: context) {
            guard let hint = binding.hint, let key = binding.keys.first, isEnabled(binding) else {
                previousHint = nil
                continue
            }
            // A binding of a run of digits shows them all ("1–9"); others show their first key.
            let shown = Self.label(binding.keys).contains("–") ? binding.keys : [key]
            if hint == previousHint, var last = hints.popLast() {
                last.actions.append(binding.action)
                last.rank = max(last.rank, binding.footerRank)
                hints.append(last)
                keys[keys.count - 1] += shown
            } else {
                hints.append(FooterHint(keys: "", label: hint, actions: [binding.action], rank: binding.footerRank))
                keys.append(shown)
            }
            previousHint = hint
        }
        for index in hints.indices { hints[index].keys = Self.label(keys[index]) }
        return hints
    }

    /// "j/k", or "1–9" for three or more consecutive digits.
    static func label(_ keys: [Key]) -> String {
        let digits = keys.compactMap { key -> Int? in
            if case .character(let c) = key, let digit = c.wholeNumberValue, c.isASCII { return digit }
            return nil
        }
        if digits.count == keys.count, digits.count >= 3,
            zip(digits, digits.dropFirst()).allSatisfy({ $1 == $0 + 1 })
        {
            return "\(digits[0])–\(digits[digits.count - 1])"
        }
        return keys.map(\.label).joined(separator: "/")
    }

    /// Actions whose hint the footer keeps when it is short of room.
    public static let essentialActions: Set<Action> = [.toggleHelp, .quit]

    /// The footer line for `width` cells: " hint  hint  hint ". When the hints do not all fit, those
    /// of lowest rank go first (the last of them first), except help and quit, which always stay.
    public func footer(
        width: Int, context: KeyContext = .main, isEnabled: (KeyBinding) -> Bool = { _ in true }
    ) -> String {
        var hints = footerHints(context: context, isEnabled: isEnabled)
        func line() -> String { hints.map { " \($0.text) " }.joined() }
        while TerminalText.width(of: line()) > width {
            let candidates = hints.indices.filter { Self.essentialActions.isDisjoint(with: hints[$0].actions) }
            guard let lowest = candidates.map({ hints[$0].rank }).min(),
                let index = candidates.last(where: { hints[$0].rank == lowest })
            else { break }
            hints.remove(at: index)
        }
        return line()
    }

    /// The operator screen's keys with the default outcome keys.
    public static let standard = Keymap.operatorKeys(dispositions: DispositionCatalog())

    /// The operator screen's keys, with the outcome keys of `dispositions` (`[calling] keys`).
    public static func operatorKeys(dispositions: DispositionCatalog) -> Keymap {
        var bindings = [
            KeyBinding(
                keys: [.character("j"), .down], action: .moveDown,
                description: "Next prospect (or scroll the card or the history when it has the focus)",
                hint: "move", footerRank: 1),
            KeyBinding(
                keys: [.character("k"), .up], action: .moveUp, description: "Previous prospect (or scroll)",
                hint: "move", footerRank: 1),
            KeyBinding(keys: [.pageDown], action: .pageDown, description: "One page down", hint: "page"),
            KeyBinding(keys: [.pageUp], action: .pageUp, description: "One page up", hint: "page"),
            KeyBinding(
                keys: [.character("g"), .home], action: .top, description: "Go to the top", hint: "top/bottom"),
            KeyBinding(
                keys: [.character("G"), .end], action: .bottom, description: "Go to the bottom",
                hint: "top/bottom"),
            KeyBinding(
                keys: [.tab, .backTab], action: .switchFocus,
                description: "Move the focus to the next pane: the list, the card, the history", hint: "pane"),
            KeyBinding(
                keys: [.character("n")], action: .nextProspect,
                description: "Take the next prospect of your queue (reserved for you for 15 minutes)",
                hint: "next", requirement: .queueRole, footerRank: 3),
            KeyBinding(
                keys: [.character("c")], action: .call,
                description:
                    "Call the prospect: shows the number, runs the dial command, times the call until its outcome key",
                hint: "call", requirement: .queueRole, footerRank: 3),
        ]
        for disposition in dispositions.dispositions {
            let key = dispositions.key(for: disposition)
            bindings.append(
                KeyBinding(
                    keys: [.character(Character(key))], action: .outcome(disposition),
                    description: "Call outcome: \(disposition.label)\(Self.outcomeDetail(disposition))",
                    hint: "outcome", requirement: .queueRole, footerRank: 3))
        }
        bindings += [
            KeyBinding(
                keys: [.character("N"), .character("a")], action: .addNote,
                description: "Add a note to the prospect (a line at the bottom; Enter saves)", hint: "note",
                requirement: .crmUser, footerRank: 2),
            KeyBinding(
                keys: [.character("f")], action: .followUp,
                description: "Schedule a follow-up: tomorrow 9:00, in 3 days, next week, or a date",
                hint: "follow-up", requirement: .crmUser, footerRank: 2),
            KeyBinding(
                keys: [.character("s")], action: .changeStatus, description: "Change the pipeline status",
                hint: "status", requirement: .crmUser, footerRank: 2),
            KeyBinding(
                keys: [.character("x")], action: .doNotContact,
                description: "Ne plus contacter: never call or email again (asks y to confirm)",
                requirement: .crmUser),
            KeyBinding(
                keys: [.character("/")], action: .search,
                description: "Search by name, SIREN, city, director or phone, as you type", hint: "search",
                footerRank: 2),
            KeyBinding(
                keys: [.character("t")], action: .showFollowUpsToday,
                description: "My follow-ups due today, the overdue ones first (everyone's for an admin)",
                hint: "today", requirement: .crmUser, footerRank: 1),
            KeyBinding(
                keys: [.character("o")], action: .showForgotten,
                description: "Forgotten prospects: open, nothing planned, nobody's action for days",
                hint: "forgotten", requirement: .crmUser),
            KeyBinding(
                keys: [.character("e")], action: .email,
                description:
                    "Email the prospect: a template merged from the card, edited in $EDITOR, sent with your identity and an unsubscribe line",
                hint: "email", requirement: .crmUser, footerRank: 1),
            KeyBinding(
                keys: [.character("D")], action: .dashboard,
                description:
                    "Dashboard in place of the card: your figures over 30 days (the team's for an admin), alerts",
                hint: "dashboard", requirement: .crmUser),
            KeyBinding(
                keys: [.character("A")], action: .teamScreen,
                description: "Admin screen: the team with load, capacity and today's calls and emails",
                hint: "team", requirement: .admin, footerRank: 2),
            KeyBinding(
                keys: [.enter], action: .openRow, description: "On the admin screen: that user's prospects",
                requirement: .admin),
            KeyBinding(
                keys: [.character(" ")], action: .toggleMark,
                description: "Mark or unmark the prospect for a reassignment (then the next one)", requirement: .admin),
            KeyBinding(
                keys: [.character("*")], action: .markAll, description: "Mark every prospect of the list",
                requirement: .admin),
            KeyBinding(
                keys: [.character("r")], action: .reassign,
                description:
                    "Reassign the marked prospects (else the selected one; on the team, all of the user's) to someone",
                hint: "reassign", requirement: .admin, footerRank: 2),
            KeyBinding(
                keys: [.character("B")], action: .rebalance,
                description: "Rebalance now: untouched prospects go from the overloaded to the others (asks y)",
                requirement: .admin),
            KeyBinding(
                keys: [.character("F")], action: .filter,
                description: "Narrow a user's prospects to a status or a tier", requirement: .admin),
            KeyBinding(
                keys: [.character("?"), .function(1)], action: .toggleHelp, description: "Show or hide this help",
                hint: "help"),
            KeyBinding(
                keys: [.escape], action: .closeOverlay,
                description: "Close the help; back from a search or a list to your queue; focus on the list"),
            KeyBinding(
                keys: [.character("R")], action: .reload, description: "Reload from the database", hint: "reload"),
            KeyBinding(keys: [.character("q")], action: .quit, description: "Quit Filon", hint: "quit"),
            KeyBinding(
                keys: [.enter], action: .confirm, description: "Save the line", hint: "save", context: .textInput),
            KeyBinding(
                keys: [.escape], action: .cancel, description: "Cancel", hint: "cancel", context: .textInput),
            KeyBinding(
                keys: [.backspace], action: .deleteBackward, description: "Delete the last character",
                hint: "delete", context: .textInput),
            KeyBinding(
                keys: (1...9).map { .character(Character(String($0))) }, action: .pickChoice,
                description: "Take the choice of that number", hint: "choose", context: .choice),
            KeyBinding(
                keys: [.character("j"), .down], action: .moveDown, description: "Highlight the next choice",
                hint: "move", context: .choice),
            KeyBinding(
                keys: [.character("k"), .up], action: .moveUp, description: "Highlight the previous choice",
                hint: "move", context: .choice),
            KeyBinding(
                keys: [.enter], action: .confirm, description: "Take the highlighted choice", hint: "take",
                context: .choice),
            KeyBinding(keys: [.escape], action: .cancel, description: "Cancel", hint: "cancel", context: .choice),
            KeyBinding(
                keys: [.enter, .down], action: .browseResults, description: "Leave the line to browse the results",
                hint: "results", context: .search),
            KeyBinding(
                keys: [.escape], action: .cancel, description: "Close the search, back to the list",
                hint: "close", context: .search),
            KeyBinding(
                keys: [.backspace], action: .deleteBackward, description: "Delete the last character",
                context: .search),
            KeyBinding(
                keys: [.character("y")], action: .confirmYes, description: "Yes, do it", hint: "yes",
                context: .confirmation),
            KeyBinding(
                keys: [.escape], action: .cancel, description: "No (any other key too)", hint: "no",
                context: .confirmation),
        ]
        return Keymap(bindings: bindings)
    }

    /// What follows an outcome, in a few words for the help.
    private static func outcomeDetail(_ disposition: Disposition) -> String {
        switch disposition {
        case .noAnswer, .voicemail, .busy, .contact: return " (back in the queue later)"
        case .wrongNumber: return " (this number is not called again)"
        case .callback: return " (asks the date)"
        case .interested: return " (to a sales step)"
        case .notInterested: return " (rest before any new call)"
        case .doNotCall: return " (ne plus contacter; asks y to confirm)"
        }
    }

    /// docs/KEYS.md: every binding by context, with who may use it.
    public var markdown: String {
        var out = """
            # Filon's keys

            Generated from the keymap table (`Keymap.operatorKeys` in
            `Sources/FilonTUI/Input/Keymap.swift`), which also drives the footer and the `?` help
            overlay. Regenerate with `filon keys --defaults > docs/KEYS.md`; a test checks that this
            file is up to date. `[calling] keys` in the configuration moves the outcome keys
            (`filon keys` prints the table with them).

            A key that is not for you (an admin has no call queue; someone who is not a CRM user
            only browses) stays in the help with the reason, and pressing it says why.

            """
        for context in KeyContext.allCases {
            let rows = bindings(in: context)
            guard !rows.isEmpty else { continue }
            out += "\n## \(context.title)\n\n| Keys | What it does | Who |\n| --- | --- | --- |\n"
            for binding in rows {
                let run = Self.label(binding.keys)
                let keys = (run.contains("–") ? [run] : binding.keys.map(\.label)).map { "`\($0)`" }
                    .joined(separator: ", ")
                out += "| \(keys) | \(binding.description) | \(binding.requirement.who) |\n"
            }
            if context == .textInput {
                out += "\nAny other character is typed into the line.\n"
            }
            if context == .search {
                out += "\nAny other character is added to the search, which runs again as you type.\n"
            }
            if context == .main {
                out += """

                    Queue marks, left of each prospect: `C` your callback, `S` a shared callback,
                    `R` called before and due again, `·` new. Then the tier (A, B, C) and the score.

                    """
            }
        }
        return out
    }
}
