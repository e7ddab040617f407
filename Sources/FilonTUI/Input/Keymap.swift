/// What a key does. The app interprets an action according to the focused pane.
public enum Action: String, CaseIterable, Sendable {
    case moveDown
    case moveUp
    case pageDown
    case pageUp
    case top
    case bottom
    case switchFocus
    case toggleHelp
    case closeOverlay
    case reload
    case quit
}

/// One row of the keymap table: the keys, what they do, and how the footer names them.
public struct KeyBinding: Hashable, Sendable {
    public var keys: [Key]
    public var action: Action
    /// The sentence shown in the help overlay.
    public var description: String
    /// The short word shown in the footer, or nil to leave the binding out of the footer.
    /// Adjacent bindings with the same hint share one footer entry ("j/k move").
    public var hint: String?

    public init(keys: [Key], action: Action, description: String, hint: String? = nil) {
        self.keys = keys
        self.action = action
        self.description = description
        self.hint = hint
    }
}

/// One entry of the footer: the keys as written and the word after them.
public struct FooterHint: Hashable, Sendable {
    public var keys: String
    public var label: String
    public var actions: [Action]

    public var text: String { "\(keys) \(label)" }
}

/// The one table of key bindings. The dispatcher, the footer hints and the `?` help overlay are
/// all derived from it, so they cannot disagree.
public struct Keymap: Sendable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    /// The action bound to `key`, or nil when the key does nothing.
    public func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// The bindings of `action`'s keys, for messages such as "q quit".
    public func keys(for action: Action) -> [Key] {
        bindings.filter { $0.action == action }.flatMap(\.keys)
    }

    /// Footer entries in table order; adjacent bindings with the same hint are merged and show the
    /// first key of each ("j/k move").
    public var footerHints: [FooterHint] {
        var hints: [FooterHint] = []
        var previousHint: String?
        for binding in bindings {
            guard let hint = binding.hint, let key = binding.keys.first else {
                previousHint = nil
                continue
            }
            if hint == previousHint, var last = hints.popLast() {
                last.keys += "/" + key.label
                last.actions.append(binding.action)
                hints.append(last)
            } else {
                hints.append(FooterHint(keys: key.label, label: hint, actions: [binding.action]))
            }
            previousHint = hint
        }
        return hints
    }

    /// Actions whose hint the footer keeps when it is short of room.
    public static let essentialActions: Set<Action> = [.toggleHelp, .quit]

    /// The footer line for `width` cells: " hint  hint  hint ". When the hints do not all fit, the
    /// last ones go first, except help and quit, which always stay.
    public func footer(width: Int) -> String {
        var hints = footerHints
        func line() -> String { hints.map { " \($0.text) " }.joined() }
        while TerminalText.width(of: line()) > width,
            let index = hints.lastIndex(where: { Self.essentialActions.isDisjoint(with: $0.actions) })
        {
            hints.remove(at: index)
        }
        return line()
    }

    /// The operator screen's keys.
    public static let standard = Keymap(bindings: [
        KeyBinding(
            keys: [.character("j"), .down], action: .moveDown,
            description: "Next prospect (or scroll the card when it has the focus)", hint: "move"),
        KeyBinding(
            keys: [.character("k"), .up], action: .moveUp,
            description: "Previous prospect (or scroll the card)", hint: "move"),
        KeyBinding(keys: [.pageDown], action: .pageDown, description: "One page down", hint: "page"),
        KeyBinding(keys: [.pageUp], action: .pageUp, description: "One page up", hint: "page"),
        KeyBinding(
            keys: [.character("g"), .home], action: .top, description: "Go to the top", hint: "top/bottom"
        ),
        KeyBinding(
            keys: [.character("G"), .end], action: .bottom, description: "Go to the bottom",
            hint: "top/bottom"),
        KeyBinding(
            keys: [.tab, .backTab], action: .switchFocus,
            description: "Switch the focus between the list and the card",
            hint: "pane"),
        KeyBinding(
            keys: [.character("?"), .function(1)], action: .toggleHelp,
            description: "Show or hide this help",
            hint: "help"),
        KeyBinding(keys: [.escape], action: .closeOverlay, description: "Close the help"),
        KeyBinding(
            keys: [.character("R")], action: .reload, description: "Reload from the database",
            hint: "reload"),
        KeyBinding(keys: [.character("q")], action: .quit, description: "Quit Filon", hint: "quit"),
    ])
}
