import FilonCore
import Foundation

/// Which pane the movement keys act on.
public enum Pane: Sendable {
    case list
    case card
    /// Only when the history has a pane of its own (wide terminals).
    case history
}

/// What the left pane lists.
public enum ListMode: Sendable {
    /// Every company, newest first, read in pages (admins and read-only users).
    case newest
    /// The user's call queue, in the queue's order (telemarketers and sales reps).
    case queue
    /// The search results (`/`).
    case search
    /// "My follow-ups today".
    case followUpsToday
    /// "Forgotten prospects".
    case forgotten
    /// Admin: the team.
    case team
    /// Admin: one user's prospects (`selectionFilter`).
    case selection
}

/// What the card pane shows.
public enum CardState: Equatable, Sendable {
    /// The list is empty.
    case none
    /// The selected prospect's card is being read (with its name when the list knows it).
    case loading(String?)
    case loaded(ProspectCard)
    /// The prospect vanished between the list and the card.
    case missing(String)
}

/// The operator screen's state and behaviour, without any terminal: keys and ticks go in, frames
/// come out through `render()`. Used from one thread only (the UI thread).
///
/// For a telemarketer or a sales rep the left pane is their call queue; for an admin, or someone
/// who is not a CRM user, it is every company newest first, read in pages of `pageSize` rows
/// around what is on screen, so that a database of millions of companies never sits in memory.
/// Actions go through `OperatorStore` to the core's rules and come back as a status line.
/// `tick(now:)` polls `PRAGMA data_version` every `pollInterval` seconds and reloads what is shown
/// when another process has written.
public final class OperatorApp {
    public let databaseName: String
    public let session: OperatorSession
    public let keymap: Keymap
    public let services: OperatorServices
    public let pageSize: Int
    /// What the list shows now.
    public internal(set) var listMode: ListMode
    /// The list the screen opens on and Esc comes back to: the queue, or the newest companies.
    public let homeMode: ListMode
    public let clock: @Sendable () -> Date
    public static let pollInterval = 0.5

    public internal(set) var size: TerminalSize
    public internal(set) var layout: Layout
    public internal(set) var focus: Pane = .list
    /// The index of the selected prospect in the whole list.
    public internal(set) var selection = 0
    /// The index of the first prospect on screen.
    public internal(set) var listTop = 0
    /// The first card line on screen.
    public internal(set) var cardTop = 0
    /// The first history line on screen (history pane only).
    public internal(set) var historyTop = 0
    public internal(set) var isHelpVisible = false
    /// The first line of the help shown.
    public internal(set) var helpTop = 0
    public internal(set) var shouldQuit = false
    /// How many companies the newest list holds, once counted.
    public internal(set) var total: Int?
    /// The queue, once read (queue mode).
    public internal(set) var queueRows: [QueueRow] = []
    public internal(set) var isQueueLoaded = false
    /// The rows of the work view shown (search, follow-ups today, forgotten), once read.
    public internal(set) var viewRows: [ViewRow] = []
    public internal(set) var isViewLoaded = false
    /// Admin: the team, once read.
    public internal(set) var teamRows: [UserWorkload] = []
    public internal(set) var isTeamLoaded = false
    /// Admin: whose prospects the selection shows.
    public internal(set) var selectionFilter: SelectionFilter?
    /// Admin: the prospects marked for a reassignment.
    public internal(set) var marked: Set<Int> = []
    /// Whether the right pane shows the dashboard rather than the card.
    public internal(set) var isDashboardOn = false
    /// The dashboard's figures, once read.
    public internal(set) var report: TeamReport?
    /// The search text (kept when the search closes, for `/` to open it again).
    public internal(set) var searchQuery = ""
    /// The header's numbers, once read.
    public internal(set) var summary: HeaderSummary?
    /// The last database error, shown in the header until the next reload.
    public internal(set) var errorMessage: String?
    /// How many times the data was reloaded because another connection wrote.
    public internal(set) var changeReloads = 0
    /// The prompt that takes the keys, if any.
    public internal(set) var prompt: Prompt?
    /// The status line: the last action's result or refusal.
    public internal(set) var message: StatusMessage?
    /// Edits an email's draft in `$EDITOR`, the screen set aside meanwhile (set by `OperatorTUI`;
    /// tests give their own). Nil: no editor, no email.
    public var editor: ((String) throws -> String)?
    /// The email being prepared.
    var emailPlan: EmailPlan?
    /// The call under way, from the call key to its outcome.
    public internal(set) var call: ActiveCall?
    /// The write sent and not answered yet.
    public internal(set) var pendingWrite: WriteRequest?

    struct Page {
        var rows: [Prospect]
        var generation: Int
    }

    let loader: ProspectLoader
    var pages: [Int: Page] = [:]
    var pendingPages: Set<Int> = []
    var pendingCard: Int?
    var loadedCard: (siren: Int, detail: ProspectDetail?, generation: Int)?
    var countPending = false
    var countGeneration = -1
    var queuePending = false
    var queueGeneration = -1
    var summaryPending = false
    var summaryGeneration = -1
    var versionPending = false
    var viewPending: WorkView?
    var teamPending = false
    var teamGeneration = -1
    var reportPending = false
    var reportGeneration = -1
    /// The view the rows were read for, and when.
    var loadedView: (view: WorkView, generation: Int)?
    /// Where the home list stood when a work view opened, to come back to it.
    var homePlace: (selection: Int, listTop: Int, siren: Int?)?
    var failed: Set<ProspectLoader.Request> = []
    /// Bumped by every reload; what was read before is shown until fresher rows arrive.
    var generation = 0
    var knownVersion: Int?
    var lastPoll: Double?
    /// After a reload, the prospect that was selected, to keep it selected if new rows pushed it down.
    var anchor: (siren: Int, pages: Set<Int>)?
    /// In the queue: the prospect to select once the queue is read again.
    var queueAnchor: Int?
    /// Prospects this screen changed, whose next card shows its own change (not someone else's).
    var ownChanges: Set<Int> = []

    public init(
        database: AppDatabase, databaseName: String, session: OperatorSession, size: TerminalSize,
        calling: CallingSettings = CallingSettings(), keymap: Keymap? = nil, services: OperatorServices = .init(),
        mode: LoaderMode = .inline,
        pageSize: Int = 200, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.databaseName = databaseName
        self.session = session
        self.keymap = keymap ?? Keymap.operatorKeys(dispositions: calling.dispositions)
        self.services = services
        self.pageSize = max(1, pageSize)
        self.size = size
        self.clock = clock
        self.layout = Layout.compute(size: size)
        homeMode = session.hasQueue ? .queue : .newest
        listMode = homeMode
        let store = OperatorStore(
            database: database, session: session, calling: calling, clock: clock,
            outbox: services.mail?.outbox ?? EmailOutbox(), daemon: services.daemon)
        loader = ProspectLoader(store: store, pageSize: self.pageSize, mode: mode)
        // The version first, so that no write after the first reads goes unnoticed.
        versionPending = true
        loader.submit(.version, generation: generation)
        update()
    }

    // MARK: Reading the state

    /// The rows the list can scroll through: the queue, or the count of companies (or what was
    /// read so far).
    public var rowCount: Int {
        if listMode == .queue { return queueRows.count }
        if listMode == .team { return teamRows.count }
        if workView != nil { return viewRows.count }
        if let total { return total }
        return pages.map { $0.key * pageSize + $0.value.rows.count }.max() ?? 0
    }

    /// The company at `index` of the newest list, when its page has been read.
    public func prospect(at index: Int) -> Prospect? {
        guard listMode == .newest, index >= 0, let page = pages[index / pageSize] else { return nil }
        let offset = index % pageSize
        return offset < page.rows.count ? page.rows[offset] : nil
    }

    public var selectedProspect: Prospect? { prospect(at: selection) }

    /// The selected queue row (queue mode).
    public var selectedQueueRow: QueueRow? {
        guard listMode == .queue, queueRows.indices.contains(selection) else { return nil }
        return queueRows[selection]
    }

    /// The work view shown, nil for the queue and the newest list.
    public var workView: WorkView? {
        switch listMode {
        case .newest, .queue: return nil
        case .search: return .search(searchQuery)
        case .followUpsToday: return .followUpsToday
        case .forgotten: return .forgotten
        case .selection: return selectionFilter.map(WorkView.prospects)
        case .team: return nil
        }
    }

    /// The selected row of a work view.
    public var selectedViewRow: ViewRow? {
        guard workView != nil, viewRows.indices.contains(selection) else { return nil }
        return viewRows[selection]
    }

    public var selectedSiren: Int? {
        selectedQueueRow?.siren ?? selectedViewRow?.siren ?? selectedProspect?.siren
    }
    var selectedName: String? { selectedQueueRow?.name ?? selectedViewRow?.name ?? selectedProspect?.name }

    public var cardState: CardState {
        guard let siren = selectedSiren else { return rowCount == 0 ? .none : .loading(nil) }
        guard let loaded = loadedCard, loaded.siren == siren else { return .loading(selectedName) }
        return loaded.detail.map { .loaded($0.card) } ?? .missing(selectedName ?? "")
    }

    /// The selected prospect's card, history and version, once read.
    public var selectedDetail: ProspectDetail? {
        guard let siren = selectedSiren, let loaded = loadedCard, loaded.siren == siren else { return nil }
        return loaded.detail
    }

    /// Whether reads are still queued or running.
    public var isLoading: Bool { loader.isBusy }

    /// Pages of the list held in memory (for tests: it stays small).
    public var pagesInMemory: Int { pages.count }

    /// Which part of the keymap answers keys now.
    public var keyContext: KeyContext { prompt?.context ?? .main }

    /// Why `binding` is not available to this user now, nil when it is.
    public func disabledReason(for binding: KeyBinding) -> String? {
        switch binding.requirement {
        case .everyone: return nil
        case .crmUser: return session.readOnlyReason
        case .admin:
            if let reason = session.readOnlyReason { return reason }
            return session.activeUser?.role == .admin ? nil : "for admins only"
        case .queueRole:
            if let reason = session.readOnlyReason { return reason }
            return session.hasQueue
                ? nil : "admins have no call queue: open filon --as LOGIN to work as a telepro or a commercial"
        }
    }

    /// The frame for the current state.
    public func render() -> CellGrid { Renderer(app: self).render() }

    // MARK: Events

    public func handle(_ event: TerminalEvent) {
        switch event {
        case .resize(let newSize): resize(to: newSize)
        case .hangUp: shouldQuit = true
        case .key(let key): handle(key: key)
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

    private func handle(key: Key) {
        guard case .main(let main) = layout else {
            // Only quit works on the too-small screen.
            if prompt == nil, keymap.action(for: key) == .quit { shouldQuit = true }
            return
        }
        if let prompt {
            handlePrompt(prompt, key: key)
            return
        }
        guard let binding = keymap.binding(for: key) else { return }
        if isHelpVisible {
            handleHelp(binding.action, main: main)
            return
        }
        if let reason = disabledReason(for: binding) {
            message = StatusMessage("\(binding.keys.first?.label ?? "") — \(reason)", .refusal)
            return
        }
        perform(binding.action, main: main)
    }

    private func handleHelp(_ action: Action, main: MainLayout) {
        let page = max(1, Renderer.helpRows(main) - 1)
        switch action {
        case .toggleHelp, .closeOverlay: isHelpVisible = false
        case .quit: shouldQuit = true
        case .moveDown: helpTop += 1
        case .moveUp: helpTop -= 1
        case .pageDown: helpTop += page
        case .pageUp: helpTop -= page
        case .top: helpTop = 0
        case .bottom: helpTop = Int.max
        default: return
        }
        helpTop = min(max(0, helpTop), Renderer.maxHelpTop(app: self, main))
    }

    private func perform(_ action: Action, main: MainLayout) {
        switch action {
        case .quit: shouldQuit = true
        case .toggleHelp:
            isHelpVisible = true
            helpTop = 0
        case .closeOverlay:
            focus = .list
            if listMode == .selection {
                show(.team)
            } else if listMode != homeMode {
                showHome()
            }
        case .reload: reload()
        case .switchFocus:
            switch focus {
            case .list: focus = .card
            case .card: focus = main.history == nil || showsDashboard ? .list : .history
            case .history: focus = .list
            }
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
            switch focus {
            case .list: moveSelection(action, rows: main.listRows)
            case .card: scrollCard(action, main: main)
            case .history: scrollHistory(action, main: main)
            }
        case .nextProspect, .call, .outcome, .addNote, .followUp, .changeStatus, .doNotContact, .email:
            startAction(action)
        case .search: openSearch()
        case .dashboard, .teamScreen, .openRow, .toggleMark, .markAll, .reassign, .rebalance, .filter:
            performAdmin(action)
        case .showFollowUpsToday: show(.followUpsToday)
        case .showForgotten: show(.forgotten)
        case .confirm, .cancel, .deleteBackward, .pickChoice, .confirmYes, .browseResults:
            break  // prompt keys
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
            historyTop = 0
            anchor = nil
            queueAnchor = nil
        }
    }

    func cardLines(main: MainLayout) -> [CardLine] {
        if showsDashboard {
            guard let report else { return [CardLine(label: nil, text: "loading…", role: .muted)] }
            return ReportText.render(report, width: main.dashboard.width - 2).split(
                separator: "\n", omittingEmptySubsequences: false
            ).map { CardLine(label: nil, text: String($0), role: $0.hasPrefix("Alerts:") ? .label : .value) }
        }
        return CardView.lines(
            for: cardState, width: main.cardTextWidth,
            history: main.history == nil ? historyEntries : nil, now: clock())
    }

    /// The selected prospect's history, when read.
    var historyEntries: [TimelineEntry]? { selectedDetail?.timeline }

    func historyLines(main: MainLayout) -> [CardLine] {
        CardView.historyLines(historyEntries, width: main.historyTextWidth, now: clock(), title: false)
    }

    private func scroll(_ top: inout Int, _ action: Action, lines: Int, rows: Int) {
        let maxTop = max(0, lines - rows)
        switch action {
        case .moveDown: top += 1
        case .moveUp: top -= 1
        case .pageDown: top += rows
        case .pageUp: top -= rows
        case .top: top = 0
        case .bottom: top = maxTop
        default: break
        }
        top = min(max(0, top), maxTop)
    }

    private func scrollCard(_ action: Action, main: MainLayout) {
        scroll(&cardTop, action, lines: cardLines(main: main).count, rows: main.cardRows)
    }

    private func scrollHistory(_ action: Action, main: MainLayout) {
        scroll(&historyTop, action, lines: historyLines(main: main).count, rows: main.historyRows)
    }

    private func clampPanes(main: MainLayout) {
        cardTop = min(max(0, cardTop), max(0, cardLines(main: main).count - main.cardRows))
        historyTop = min(max(0, historyTop), max(0, historyLines(main: main).count - main.historyRows))
    }

    func keepSelectionVisible(rows: Int) {
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
            clampPanes(main: main)
            if main.history == nil, focus == .history { focus = .card }
            helpTop = min(helpTop, Renderer.maxHelpTop(app: self, main))
        }
    }

    /// Reads everything shown again, keeping the selected prospect selected when it moved.
    func reload() {
        generation += 1
        failed.removeAll()
        errorMessage = nil
        if listMode == .newest, let prospect = selectedProspect {
            let page = selection / pageSize
            anchor = (prospect.siren, [page, page + 1])
        } else {
            anchor = nil
        }
    }

    // MARK: Loading

    /// Requests what the screen needs and applies what has arrived, until nothing changes.
    func update() {
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
        switch listMode {
        case .newest: requestPages()
        case .queue:
            if queueGeneration < generation, !queuePending, !failed.contains(.queue) {
                queuePending = true
                loader.submit(.queue, generation: generation)
            }
        case .search, .followUpsToday, .forgotten, .selection: requestView()
        case .team: requestTeam()
        }
        if showsDashboard { requestReport() }
        if let siren = selectedSiren, pendingCard != siren, !failed.contains(.card(siren: siren)) {
            let isFresh = loadedCard.map { $0.siren == siren && $0.generation >= generation } ?? false
            if !isFresh {
                pendingCard = siren
                loader.submit(.card(siren: siren), generation: generation)
            }
        }
        // The header's numbers after the list and the card: what the operator reads first comes first
        // out of the loader's one queue.
        if summaryGeneration < generation, !summaryPending, !queuePending, pendingCard == nil,
            !failed.contains(.summary)
        {
            summaryPending = true
            loader.submit(.summary, generation: generation)
        }
    }

    private func requestPages() {
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
        case .queue(let rows):
            queuePending = false
            guard delivery.generation >= queueGeneration else { return }
            queueGeneration = delivery.generation
            applyQueue(rows)
        case .summary(let summary):
            summaryPending = false
            if delivery.generation >= summaryGeneration {
                summaryGeneration = delivery.generation
                self.summary = summary
            }
        case .view(let view, let rows):
            if viewPending == view { viewPending = nil }
            applyView(view, rows, generation: delivery.generation)
        case .card(let siren, let detail):
            if pendingCard == siren { pendingCard = nil }
            noticeOutsideChange(siren: siren, detail: detail)
            loadedCard = (siren, detail, delivery.generation)
            if case .main(let main) = layout { clampPanes(main: main) }
        case .failure(let request, let message):
            switch request {
            case .version: versionPending = false
            case .count: countPending = false
            case .page(let index): pendingPages.remove(index)
            case .card(let siren): if pendingCard == siren { pendingCard = nil }
            case .queue: queuePending = false
            case .summary: summaryPending = false
            case .view(let view): if viewPending == view { viewPending = nil }
            case .team: teamPending = false
            case .report: reportPending = false
            }
            failed.insert(request)
            errorMessage = message
        case .team(let rows):
            teamPending = false
            if delivery.generation >= teamGeneration {
                teamGeneration = delivery.generation
                teamRows = rows
                isTeamLoaded = true
                clampSelection()
            }
        case .report(let report):
            reportPending = false
            if delivery.generation >= reportGeneration {
                reportGeneration = delivery.generation
                self.report = report
            }
        case .mailed(let address, let delivery):
            applyDelivery(delivery, to: address)
        case .written(let request, let result, let queue):
            applyWrite(request, result)
            if let queue, listMode == .queue {
                // Read after the write: fresh for the reload the write started.
                queueGeneration = generation
                applyQueue(queue)
            }
        }
    }

    /// The queue read again: the prospect to select first (`n`), else the same prospect as before,
    /// else the same place (the prospect just called left the queue: the next one is selected).
    func applyQueue(_ rows: [QueueRow]) {
        let previous = selectedQueueRow?.siren
        queueRows = rows
        isQueueLoaded = true
        if let wanted = queueAnchor, let index = rows.firstIndex(where: { $0.siren == wanted }) {
            selection = index
            queueAnchor = nil
        } else if let previous, let index = rows.firstIndex(where: { $0.siren == previous }) {
            selection = index
        }
        clampSelection()
    }

    /// A prospect on screen that someone else changed (another operator, an admin, the daemon's
    /// assignment) is reloaded, and the status line says so.
    private func noticeOutsideChange(siren: Int, detail: ProspectDetail?) {
        guard let shown = loadedCard, shown.siren == siren, let before = shown.detail?.version else {
            return
        }
        if ownChanges.remove(siren) != nil { return }
        guard let after = detail?.version, after != before else { return }
        message = StatusMessage("\(detail?.card.name ?? "this prospect") changed meanwhile: reloaded", .info)
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

    func clampSelection() {
        let count = rowCount
        selection = min(selection, max(0, count - 1))
        if case .main(let main) = layout { keepSelectionVisible(rows: main.listRows) }
    }
}
