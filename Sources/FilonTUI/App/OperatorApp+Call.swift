import FilonCore
import Foundation

/// The call key: the number, the dial command, the timer; the outcome key then records the call
/// with its duration.
extension OperatorApp {
    func startCall(_ target: ActionTarget) {
        if let call {
            message = StatusMessage(
                "already calling \(call.target.name): give the outcome (1–9) first", .refusal)
            return
        }
        guard let card = selectedDetail?.card, card.siren == target.siren else {
            message = StatusMessage("the card is still loading: one moment", .info)
            return
        }
        if card.doNotContact {
            message = StatusMessage("refused: \(target.name) is \"ne plus contacter\": no call", .refusal)
            return
        }
        let phones = card.phones.filter { !$0.optedOut }.map(\.value)
        switch phones.count {
        case 0:
            message = StatusMessage(
                "no phone number known for \(target.name): enrichment looks for one at each pass", .refusal)
        case 1: dial(phones[0], target: target)
        default: prompt = .phoneChoice(target, phones: phones, highlighted: 0)
        }
    }

    /// Starts the timer and the dial command. A dial command that fails leaves the timer running:
    /// the operator can still dial by hand.
    func dial(_ phone: String, target: ActionTarget) {
        let timer = CallTimer(startedAt: clock())
        call = ActiveCall(target: target, phone: phone, timer: timer)
        guard let dialer = services.dialer else {
            message = nil
            return
        }
        do {
            try dialer.dial(phone, now: timer.startedAt)
            message = nil
        } catch {
            message = StatusMessage("\(error): dial \(phone) by hand, the timer runs", .refusal)
        }
    }

    /// The line shown while a call is under way.
    public var callLine: String? {
        guard let call else { return nil }
        let keys = Keymap.label(
            keymap.bindings.filter {
                if case .outcome = $0.action { return true } else { return false }
            }.flatMap(\.keys))
        return "☎ \(call.target.name) · \(call.phone) · \(call.timer.formatted(now: clock())) · \(keys) outcome"
    }

    /// Seconds the call to `siren` lasted, if it is the call under way.
    func callDuration(for siren: Int) -> Int? {
        guard let call, call.target.siren == siren else { return nil }
        return call.timer.elapsed(now: clock())
    }
}
