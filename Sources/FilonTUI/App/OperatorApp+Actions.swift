import FilonCore
import Foundation

/// The operator's actions: prompts that gather what an action needs, the write sent to the
/// core's rules, and the status line that says what happened or why it was refused.
extension OperatorApp {
    /// The longest note the one-line input takes.
    static let maxNoteLength = 1000

    func startAction(_ action: Action) {
        if pendingWrite != nil {
            message = StatusMessage("saving the previous action: one moment", .info)
            return
        }
        if action == .nextProspect {
            send(.takeNext)
            return
        }
        let target: ActionTarget
        if case .outcome = action, let call {
            // The outcome is the call's, whatever the list shows now.
            target = call.target
        } else {
            guard let siren = selectedSiren, let name = selectedName else {
                message = StatusMessage("no prospect selected", .refusal)
                return
            }
            target = ActionTarget(siren: siren, name: name)
        }
        let siren = target.siren
        switch action {
        case .call: startCall(target)
        case .email: startEmail(target)
        case .outcome(let disposition):
            if disposition.needsFollowUpDate {
                openDateChoice(target, .callback(disposition))
            } else if disposition.marksDoNotContact {
                prompt = .confirm(target, .outcome(disposition))
            } else {
                sendOutcome(disposition, siren: siren, followUp: nil)
            }
        case .addNote: prompt = .note(target, text: "")
        case .followUp: openDateChoice(target, .followUp)
        case .changeStatus:
            let current = selectedDetail?.card.status ?? selectedQueueRow?.status
            prompt = .statusChoice(
                target, current: current,
                highlighted: current.flatMap { PipelineStatus.allCases.firstIndex(of: $0) } ?? 0)
        case .doNotContact: prompt = .confirm(target, .doNotContact)
        default: break
        }
    }

    private func openDateChoice(_ target: ActionTarget, _ intent: DateIntent) {
        prompt = .dateChoice(target, intent, choices: DateChoice.choices(now: clock()), highlighted: 0)
    }

    private func sendOutcome(_ disposition: Disposition, siren: Int, followUp: Date?) {
        send(
            .outcome(
                siren: siren, disposition, followUp: followUp, duration: callDuration(for: siren),
                expectedVersion: version(of: siren)))
    }

    /// The version of the prospect as displayed, when its card is on screen.
    func version(of siren: Int) -> Int? {
        guard let loaded = loadedCard, loaded.siren == siren else { return nil }
        return loaded.detail?.version
    }

    // MARK: Prompts

    func handlePrompt(_ prompt: Prompt, key: Key) {
        let action = keymap.action(for: key, in: prompt.context)
        if let lines = prompt.choiceLines {
            guard let picked = pick(action, key: key, count: lines.count, highlighted: prompt.highlighted) else {
                return
            }
            if let index = picked.chosen {
                self.prompt = nil
                choose(index, in: prompt)
            } else {
                self.prompt = prompt.highlighting(picked.highlighted)
            }
            return
        }
        switch prompt {
        case .note(let target, let text):
            editText(text, key: key, action: action) {
                self.prompt = .note(target, text: $0)
            } submit: { text in
                self.prompt = nil
                self.send(.note(siren: target.siren, text: text, expectedVersion: self.version(of: target.siren)))
            }
        case .typedDate(let target, let intent, let text):
            editText(text, key: key, action: action) {
                self.prompt = .typedDate(target, intent, text: $0)
            } submit: {
                text in
                guard let date = LocalTime.parse(text, now: self.clock()) else {
                    self.message = StatusMessage(
                        "cannot read the date \"\(text)\": write 2026-12-01 14:30, 01/12 14h30 or 01/12", .refusal)
                    return
                }
                self.prompt = nil
                self.sendDate(date, target: target, intent: intent)
            }
        case .search(let text):
            handleSearch(text, key: key, action: action)
        case .dateChoice, .statusChoice, .phoneChoice, .emailTemplate, .emailRecipient, .reassignTarget, .filterChoice:
            break  // choices, above
        case .confirmRebalance:
            self.prompt = nil
            if action == .confirmYes {
                send(.rebalance)
            } else {
                message = StatusMessage("cancelled: nothing moved", .info)
            }
        case .confirm(let target, let intent):
            self.prompt = nil
            guard action == .confirmYes else {
                emailPlan = nil
                message = StatusMessage("cancelled: nothing \(intent.isEmail ? "sent" : "changed")", .info)
                return
            }
            let version = version(of: target.siren)
            switch intent {
            case .doNotContact: send(.doNotContact(siren: target.siren, expectedVersion: version))
            case .outcome(let disposition):
                sendOutcome(disposition, siren: target.siren, followUp: nil)
            case .sendEmail: sendEmail()
            }
        }
    }

    /// The line `index` of a choice prompt was taken.
    private func choose(_ index: Int, in prompt: Prompt) {
        switch prompt {
        case .dateChoice(let target, let intent, let choices, _):
            if let date = choices[index].date {
                sendDate(date, target: target, intent: intent)
            } else {
                self.prompt = .typedDate(target, intent, text: "")
            }
        case .statusChoice(let target, _, _):
            send(
                .status(siren: target.siren, PipelineStatus.allCases[index], expectedVersion: version(of: target.siren))
            )
        case .phoneChoice(let target, let phones, _): dial(phones[index], target: target)
        case .emailTemplate: chooseTemplate(index)
        case .emailRecipient: chooseRecipient(index)
        case .reassignTarget(let plan, _, let targets, _, _): send(.reassign(plan, to: targets[index]))
        case .filterChoice(let filters, _, _): openSelection(filters[index])
        case .note, .typedDate, .confirm, .search, .confirmRebalance: break
        }
    }

    /// A one-line input: characters are typed, Backspace deletes, Enter submits, Esc cancels.
    private func editText(
        _ text: String, key: Key, action: Action?, change: (String) -> Void, submit: (String) -> Void
    ) {
        switch action {
        case .confirm:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                message = StatusMessage("nothing typed: Esc cancels", .info)
            } else {
                submit(trimmed)
            }
        case .cancel:
            prompt = nil
            message = StatusMessage("cancelled: nothing saved", .info)
        case .deleteBackward:
            change(String(text.dropLast()))
        default:
            guard case .character(let character) = key, text.count < Self.maxNoteLength else { return }
            let clean = TerminalText.clean(String(character))
            guard !clean.isEmpty else { return }
            change(text + clean)
        }
    }

    /// A choice list: a number takes that choice, j/k move the highlight, Enter takes it, Esc
    /// cancels. Nil when the prompt closed or nothing changed.
    private func pick(_ action: Action?, key: Key, count: Int, highlighted: Int) -> (chosen: Int?, highlighted: Int)? {
        switch action {
        case .pickChoice:
            guard case .character(let c) = key, let number = c.wholeNumberValue, (1...count).contains(number) else {
                return nil
            }
            return (number - 1, highlighted)
        case .moveDown: return (nil, min(count - 1, highlighted + 1))
        case .moveUp: return (nil, max(0, highlighted - 1))
        case .confirm: return (highlighted, highlighted)
        case .cancel:
            prompt = nil
            message = StatusMessage("cancelled: nothing changed", .info)
            return nil
        default: return nil
        }
    }

    private func sendDate(_ date: Date, target: ActionTarget, intent: DateIntent) {
        let version = version(of: target.siren)
        switch intent {
        case .callback(let disposition):
            sendOutcome(disposition, siren: target.siren, followUp: date)
        case .followUp:
            send(.followUp(siren: target.siren, at: date, expectedVersion: version))
        }
    }

    // MARK: Writes

    func send(_ request: WriteRequest) {
        pendingWrite = request
        message = StatusMessage("saving…", .info)
        loader.submit(write: request, generation: generation)
    }

    /// The answer to a write: the status line, and everything shown read again.
    func applyWrite(_ request: WriteRequest, _ result: WriteResult) {
        pendingWrite = nil
        let now = clock()
        let name = request.siren.flatMap(nameOf) ?? "the prospect"
        switch result {
        case .took(let item):
            guard let item else {
                message = StatusMessage(
                    "nothing to call now: new prospects come with the daemon's passes, callbacks at their time",
                    .info)
                break
            }
            if listMode != homeMode { showHome() }
            queueAnchor = item.siren
            focus = .list
            cardTop = 0
            historyTop = 0
            let tier = item.tier.map { ", tier \($0)" } ?? ""
            message = StatusMessage(
                "next: \(item.name ?? AppDatabase.undisclosedName) (\(item.reason.rawValue)\(tier), "
                    + "\(item.score) pts), reserved 15 min", .success)
        case .recorded(let decision):
            if let siren = request.siren { ownChanges.insert(siren) }
            guard case .outcome(let siren, let disposition, _, let duration, _) = request else { break }
            if call?.target.siren == siren { call = nil }
            let lasted = duration.map { " (\(CallTimer.format(seconds: $0)))" } ?? ""
            message = StatusMessage(
                "\(name): \(disposition.label)\(lasted), \(Self.describe(decision, now: now))", .success)
        case .reassigned(let summary):
            marked.removeAll()
            // The card on screen may be one the admin just moved: their own change, not news.
            if let shown = loadedCard?.siren { ownChanges.insert(shown) }
            message = StatusMessage(Self.describe(summary), summary.moved > 0 ? .success : .info)
        case .queuedEmail(let id):
            if let siren = request.siren { ownChanges.insert(siren) }
            if case .email(_, let to, _, _) = request { sendQueued(id, to: to.address.value) }
        case .done:
            if let siren = request.siren { ownChanges.insert(siren) }
            message = StatusMessage(Self.describeDone(request, name: name, now: now), .success)
        case .refused(let reason, let changedMeanwhile):
            if changedMeanwhile {
                message = StatusMessage(
                    "\(name) changed meanwhile (someone else acted on it): reloaded, nothing saved; "
                        + "check the card and try again", .refusal)
                if case .note(let siren, let text, _) = request, siren == selectedSiren {
                    // The note is not lost: it waits on the line, Enter saves it on the fresh card.
                    prompt = .note(ActionTarget(siren: siren, name: name), text: text)
                    message = StatusMessage(
                        "\(name) changed meanwhile: reloaded; your note waits below, Enter saves it", .refusal)
                }
                if let siren = request.siren { ownChanges.insert(siren) }
            } else {
                message = StatusMessage("refused: \(reason)", .refusal)
            }
        }
        reload()
    }

    private func nameOf(_ siren: Int) -> String? {
        if let row = queueRows.first(where: { $0.siren == siren }) { return row.name }
        if let loaded = loadedCard, loaded.siren == siren, let card = loaded.detail?.card { return card.name }
        if selectedSiren == siren { return selectedName }
        return nil
    }

    /// "back in the queue at 14:30", "refused: 60 days' rest; back in the queue at 25/01/2027 09:00"…
    static func describe(_ decision: RecycleDecision, now: Date) -> String {
        switch decision {
        case .callAgain(let at): return "back in the queue at \(LocalTime.compact(at, now: now))"
        case .rest(let until, let reason):
            return "\(reason); back in the queue at \(LocalTime.compact(until, now: now))"
        case .stop(let reason): return "out of the queue (\(reason))"
        }
    }

    static func describeDone(_ request: WriteRequest, name: String, now: Date) -> String {
        switch request {
        case .note: return "note saved on \(name)"
        case .followUp(_, let date, _): return "follow-up on \(name) at \(LocalTime.short(date, now: now))"
        case .status(_, let status, _): return "\(name): status \(status.label)"
        case .doNotContact: return "\(name): ne plus contacter (out of every queue for good)"
        case .takeNext, .outcome, .email, .reassign, .rebalance: return "done"
        }
    }
}
