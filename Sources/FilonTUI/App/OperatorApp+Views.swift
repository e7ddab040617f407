import FilonCore

/// The work views: the search (`/`), "my follow-ups today" and "forgotten prospects". They take the
/// left pane; the card and every action work on their rows as on the queue; Esc comes back to the
/// queue (or the newest list) where it was left.
extension OperatorApp {
    /// Opens the search line on the current text; every keystroke searches again.
    func openSearch() {
        if listMode != .search { enter(.search) }
        prompt = .search(text: searchQuery)
        message = nil
    }

    func show(_ mode: ListMode) {
        guard listMode != mode else { return }
        enter(mode)
        message = nil
    }

    private func enter(_ mode: ListMode) {
        if listMode == homeMode { homePlace = (selection, listTop, selectedSiren) }
        listMode = mode
        viewRows = []
        isViewLoaded = false
        loadedView = nil
        resetPlace(selection: 0, listTop: 0)
    }

    /// Back to the queue or the newest list, on the prospect selected before.
    func showHome() {
        listMode = homeMode
        viewRows = []
        loadedView = nil
        let place = homePlace
        homePlace = nil
        resetPlace(selection: place?.selection ?? 0, listTop: place?.listTop ?? 0)
        if homeMode == .queue { queueAnchor = place?.siren }
        clampSelection()
        reload()
    }

    private func resetPlace(selection: Int, listTop: Int) {
        self.selection = selection
        self.listTop = listTop
        focus = .list
        cardTop = 0
        historyTop = 0
    }

    /// The search line: characters search as they are typed, Backspace deletes, Enter (or ↓)
    /// leaves the line to browse the results, Esc closes the search.
    func handleSearch(_ text: String, key: Key, action: Action?) {
        switch action {
        case .confirm, .browseResults:
            prompt = nil
            if viewRows.isEmpty, isViewLoaded, !searchQuery.isEmpty {
                message = StatusMessage("nothing found for \"\(searchQuery)\": / to search again, Esc back", .info)
            }
        case .cancel:
            prompt = nil
            showHome()
        case .deleteBackward:
            updateSearch(String(text.dropLast()))
        default:
            guard case .character(let character) = key, text.count < Self.maxSearchLength else { return }
            let clean = TerminalText.clean(String(character))
            guard !clean.isEmpty else { return }
            updateSearch(text + clean)
        }
    }

    /// The longest search text the line takes.
    static let maxSearchLength = 100

    private func updateSearch(_ text: String) {
        prompt = .search(text: text)
        guard text != searchQuery else { return }
        searchQuery = text
        resetPlace(selection: 0, listTop: 0)
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            viewRows = []
            isViewLoaded = true
            loadedView = (.search(text), generation)
        } else {
            isViewLoaded = false
        }
    }

    func requestView() {
        guard let view = workView, viewPending != view, !failed.contains(.view(view)) else { return }
        if let loaded = loadedView, loaded.view == view, loaded.generation >= generation { return }
        viewPending = view
        loader.submit(.view(view), generation: generation)
    }

    /// A view read: shown when it is still the one on screen (a slower search for an older text is
    /// dropped), keeping the same prospect selected when it is still there.
    func applyView(_ view: WorkView, _ rows: [ViewRow], generation: Int) {
        guard view == workView else { return }
        if let loaded = loadedView, loaded.view == view, loaded.generation > generation { return }
        let previous = selectedViewRow?.siren
        viewRows = rows
        isViewLoaded = true
        loadedView = (view, generation)
        if let previous, let index = rows.firstIndex(where: { $0.siren == previous }) { selection = index }
        clampSelection()
    }
}
