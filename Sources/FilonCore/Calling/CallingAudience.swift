/// Whom a call reaches, which decides the calling window and the attempt limit.
public enum CallingAudience: String, CaseIterable, Sendable, Codable {
    case company
    /// A natural person: a sole trader, or anyone reached on a personal mobile. The consumer
    /// rules on call hours and attempts do not bind B2B calls, but these people are where B2B
    /// ends, so Filon applies them by default (research R2).
    case soleTrader = "sole_trader"

    /// The audience of a prospect with INSEE legal category `legalForm` ("1000" entrepreneur
    /// individuel; category 1 is only that), called on a personal mobile or not.
    public static func of(legalForm: String?, personalMobile: Bool) -> CallingAudience {
        if personalMobile { return .soleTrader }
        return legalForm?.hasPrefix("1") == true ? .soleTrader : .company
    }
}
