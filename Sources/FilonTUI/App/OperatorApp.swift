import FilonCore

/// Which pane the movement keys act on.
public enum Pane: Sendable {
    case list
    case card
}

/// What the card pane shows.
public enum CardState: Equatable, Sendable {
    /// The list is empty.
    case none
    /// The selected prospect's card (or its line of the list) is being read.
    case loading(Prospect?)
    case loaded(ProspectCard)
    /// The prospect vanished between the list and the card.
    case missing(Prospect)
}

/// The operator screen's state and behaviour, without any terminal: keys and ticks go in, frames
/// come out through `render()`. Used from one thread only (the UI thread).
///
/// The list is read in pages of `pageSize` rows (newest first) around what is on screen, so that a
/// database of millions of companies never sits in memory. `tick(now:)` polls `PRAGMA data_version`
/// every `pollInterval` seconds and reloads what is shown when another process has written.
public final class OperatorApp {
    public let databaseName: String
    public let user: String
    public let keymap: Keymap
    public let pageSize: Int
    public static let pollInterval = 0.5

    public private(set) var size: TerminalSize
    public private(set) var layout: Layout
    public private(set) var focus: Pane = .list
    /// The index of the selected prospect in the whole list.
    public private(set) var selection = 0
    /// The index of the first prospect on screen.
    public private(set) var listTop = 0
    /// The first card line on screen.
    public private(set) var cardTop = 0
    public private(set) var isHelpVisible = false
    public private(set) var shouldQuit = false
    /// How many prospects there are, once counted.
    public private(set) var total: Int?
    /// The last database error, shown in the header until the next reload.
    public private(set) var errorMessage: String?
    /// How many times the data was reloaded because another connection wrote.
    public private(set) var changeReloads = 0

    private struct Page {
        var rows: [Prospect]
        var generation: Int
    }

    private let loader: ProspectLoader
    private var pages: [Int: Page] = [:]
    private var pendingPages: Set<Int> = []
    private var pendingCard: Int?
    private var loadedCard: (siren: Int, card: ProspectCard?, generation: Int)?
    private var countPending = false
    private var countGeneration = -1
    private var versionPending = false
    private var failed: Set<ProspectLoader.Request> = []
    /// Bumped by every reload; what was read before is shown until fresher rows arrive.
    private var generation = 0
    private var knownVersion: Int?
    private var lastPoll: Double?
    /// After a reload, the prospect that was selected, to keep it selected if new rows pushed it down.
    private var anchor: (siren: Int, pages: Set<Int>)?

    public init(
        database: AppDatabase, databaseName: String, user: String, size: TerminalSize,
        keymap: Keymap = .standard,
        mode: LoaderMode = .inline, pageSize: Int = 200
    ) {
        self.databaseName = databaseName
        self.user = user
        self.keymap = keymap
        self.pageSize = max(1, pageSize)
        self.size = size
        self.layout = Layout.compute(size: size)
        loader = ProspectLoader(database: database, pageSize: self.pageSize, mode: mode)
        // The version first, so that no write after the first reads goes unnoticed.
        versionPending = true
        loader.submit(.version, generation: generation)
        update()
    }

    // MARK: Reading the state

    /// The prospects the list can scroll through: the count, or what was read so far.
    public var rowCount: Int {
        if let total { return total }
        return pages.map { $0.key * pageSize + $0.value.rows.count }.max() ?? 0
    }

    /// The prospect at `index` of the list, when its page has been read.
    public func prospect(at index: Int) -> Prospect? {
        guard index >= 0, let page = pages[index / pageSize] else { return nil }
        let offset = index % pageSize
        return offset < page.rows.count ? page.rows[offset] : nil
    }

    public var selectedProspect: Prospect? { prospect(at: selection) }

    public var cardState: CardState {
        guard let prospect = selectedProspect else { return rowCount == 0 ? .none : .loading(nil) }
        guard let loaded = loadedCard, loaded.siren == prospect.siren else { return .loading(prospect) }
        return loaded.card.map(CardState.loaded) ?? .missing(prospect)
    }

    /// Whether reads are still queued or running.
    public var isLoading: Bool { loader.isBusy }

    /// Pages of the list held in memory (for tests: it stays small).
    public var pagesInMemory: Int { pages.count }

    /// The frame for the current state.
    public func render() -> CellGrid { Renderer(app: self).render() }

    // MARK: Events

    public func handle(_ event: TerminalEvent) {
        switch event {
        case .resize(let newSize): resize(to: newSize)
        case .hangUp: perform(.quit)
        case .key(let key):
            guard let action = keymap.action(for: key) else { return }
            perform(action)
        }
        update()
    }

    /// The refresh tick: applies finished reads and polls the data version every `pollInterval`.
    public func tick(now: Double) {
        update()
        if !versionPending, lastPoll.map({ now - $0 >= Self.pollInterval }) ?? true {
            lastPoll = now
            versionPending = true
            loader.submit(.version, generation: generation)
            update()
        }
    }

    /// Waits for queued reads (background mode) and applies them. For tests and scripts.
    @discardableResult
    public func settle(timeout: Double = 5) -> Bool {
        for _ in 0..<100 {
            guard loader.waitUntilIdle(timeout: timeout) else { return false }
            update()
            if !loader.isBusy { return true }
        }
        return !loader.isBusy
    }

    private func perform(_ action: Action) {
        if action == .quit {
            shouldQuit = true
            return
        }
        guard case .main(let main) = layout else { return }  // only quit works on the too-small screen
        if isHelpVisible {
            if action == .toggleHelp || action == .closeOverlay { isHelpVisible = false }
            return
        }
        switch action {
        case .toggleHelp: isHelpVisible = true
        case .closeOverlay, .quit: break
        case .reload: reload()
        case .switchFocus: focus = focus == .list ? .card : .list
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
            if focus == .list {
                moveSelection(action, rows: main.listRows)
            } else {
                scrollCard(action, main: main)
            }
        }
    }

    private func moveSelection(_ action: Action, rows: Int) {
        let count = rowCount
        guard count > 0 else { return }
        let before = selection
        switch action {
        case .moveDown: selection += 1
        case .moveUp: selection -= 1
        case .pageDown:
            selection += rows
            listTop += rows
        case .pageUp:
            selection -= rows
            listTop -= rows
        case .top: selection = 0
        case .bottom: selection = count - 1
        default: break
        }
        selection = min(max(0, selection), count - 1)
        keepSelectionVisible(rows: rows)
        if selection != before {
            cardTop = 0
            anchor = nil
        }
    }

    private func scrollCard(_ action: Action, main: MainLayout) {
        let lines = CardView.lines(for: cardState, width: main.cardTextWidth).count
        let maxTop = max(0, lines - main.cardRows)
        switch action {
        case .moveDown: cardTop += 1
        case .moveUp: cardTop -= 1
        case .pageDown: cardTop += main.cardRows
        case .pageUp: cardTop -= main.cardRows
        case .top: cardTop = 0
        case .bottom: cardTop = maxTop
        default: break
        }
        cardTop = min(max(0, cardTop), maxTop)
    }

    private func clampCard(main: MainLayout) {
        let lines = CardView.lines(for: cardState, width: main.cardTextWidth).count
        cardTop = min(max(0, cardTop), max(0, lines - main.cardRows))
    }

    private func keepSelectionVisible(rows: Int) {
        let rows = max(1, rows)
        if selection < listTop { listTop = selection }
        if selection >= listTop + rows { listTop = selection - rows + 1 }
        listTop = max(0, min(listTop, rowCount - rows))
    }

    private func resize(to newSize: TerminalSize) {
        size = newSize
        layout = Layout.compute(size: newSize)
        if case .main(let main) = layout {
            keepSelectionVisible(rows: main.listRows)
            clampCard(main: main)
        }
    }

    /// Reads everything shown again, keeping the selected prospect selected when it moved.
    private func reload() {
        generation += 1
        failed.removeAll()
        errorMessage = nil
        if let prospect = selectedProspect {
            let page = selection / pageSize
            anchor = (prospect.siren, [page, page + 1])
        } else {
            anchor = nil
        }
    }

    // MARK: Loading

    /// Requests what the screen needs and applies what has arrived, until nothing changes.
    private func update() {
        while true {
            request()
            let deliveries = loader.drain()
            if deliveries.isEmpty { return }
            for delivery in deliveries { apply(delivery) }
        }
    }

    private var visiblePages: ClosedRange<Int> {
        let rows: Int
        if case .main(let main) = layout { rows = max(1, main.listRows) } else { rows = 1 }
        let first = min(listTop, selection) / pageSize
        let last = max(listTop + rows - 1, selection) / pageSize
        return first...last
    }

    private func request() {
        if var anchor {
            // Pages past the end or unreadable will not come: stop waiting for them.
            anchor.pages = anchor.pages.filter {
                !failed.contains(.page($0)) && ($0 == 0 || $0 * pageSize < (total ?? Int.max))
            }
            self.anchor = anchor.pages.isEmpty ? nil : anchor
        }
        var wanted = Set(visiblePages)
        if let anchor { wanted.formUnion(anchor.pages) }
        for page in wanted.sorted() {
            let isFresh = pages[page].map { $0.generation >= generation } ?? false
            let pastTheEnd = total.map { page > 0 && page * pageSize >= $0 } ?? false
            guard !isFresh, !pastTheEnd, !pendingPages.contains(page), !failed.contains(.page(page))
            else { continue }
            pendingPages.insert(page)
            loader.submit(.page(page), generation: generation)
        }
        // Keep the pages on screen and their neighbours; forget the rest.
        let keep = (visiblePages.lowerBound - 1)...(visiblePages.upperBound + 1)
        for page in pages.keys where !keep.contains(page) && !wanted.contains(page) {
            pages[page] = nil
        }

        if let siren = selectedProspect?.siren, pendingCard != siren,
            !failed.contains(.card(siren: siren))
        {
            let isFresh = loadedCard.map { $0.siren == siren && $0.generation >= generation } ?? false
            if !isFresh {
                pendingCard = siren
                loader.submit(.card(siren: siren), generation: generation)
            }
        }
        if countGeneration < generation, !countPending, !failed.contains(.count) {
            countPending = true
            loader.submit(.count, generation: generation)
        }
    }

    private func apply(_ delivery: ProspectLoader.Delivery) {
        let current = delivery.generation == generation
        switch delivery.outcome {
        case .version(let version):
            versionPending = false
            if let known = knownVersion, known != version {
                changeReloads += 1
                reload()
            }
            knownVersion = version
        case .count(let count):
            countPending = false
            if current || total == nil {
                total = count
                countGeneration = delivery.generation
                clampSelection()
            }
        case .page(let index, let rows):
            pendingPages.remove(index)
            if (pages[index]?.generation ?? -1) <= delivery.generation {
                pages[index] = Page(rows: rows, generation: delivery.generation)
            }
            guard current else { return }
            // A page says where the list ends better than a count read at another moment.
            let end = index * pageSize + rows.count
            if rows.count < pageSize, !rows.isEmpty || index == 0 || (total ?? Int.max) > end {
                total = end
                clampSelection()
            } else if let known = total, known < end {
                total = end
            }
            followAnchor(page: index, rows: rows)
        case .card(let siren, let card):
            if pendingCard == siren { pendingCard = nil }
            loadedCard = (siren, card, delivery.generation)
        case .failure(let request, let message):
            switch request {
            case .version: versionPending = false
            case .count: countPending = false
            case .page(let index): pendingPages.remove(index)
            case .card(let siren): if pendingCard == siren { pendingCard = nil }
            }
            failed.insert(request)
            errorMessage = message
        }
    }

    private func followAnchor(page: Int, rows: [Prospect]) {
        guard var anchor, anchor.pages.contains(page) else { return }
        if let offset = rows.firstIndex(where: { $0.siren == anchor.siren }) {
            let index = page * pageSize + offset
            // At the top of the list, new rows show above the selection; further down, the view
            // moves with the selected row so that it does not jump under the operator's eyes.
            if listTop > 0 { listTop = max(0, listTop + index - selection) }
            selection = index
            self.anchor = nil
            if case .main(let main) = layout { keepSelectionVisible(rows: main.listRows) }
            return
        }
        anchor.pages.remove(page)
        self.anchor = anchor.pages.isEmpty ? nil : anchor
    }

    private func clampSelection() {
        let count = rowCount
        selection = min(selection, max(0, count - 1))
        if case .main(let main) = layout { keepSelectionVisible(rows: main.listRows) }
    }
}
