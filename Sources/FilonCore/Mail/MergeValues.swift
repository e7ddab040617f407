import Foundation

/// What the fields of a template stand for, for one prospect and one sender. A field without a
/// value (or with a blank one) takes the template's fallback, or stops the merge.
public struct MergeValues: Sendable, Equatable {
    public var values: [MergeField: String]

    public init(_ values: [MergeField: String] = [:]) {
        self.values = values
    }

    /// The sender's fields filled from the identity every message carries.
    public init(sender: SenderIdentity, _ values: [MergeField: String] = [:]) {
        self.values = values
        self.values[.senderName] = sender.name
        self.values[.senderCompany] = sender.company
        self.values[.senderEmail] = sender.email.value
        self.values[.senderAddress] = sender.postalAddress
    }

    public subscript(field: MergeField) -> String? {
        get { values[field] }
        set { values[field] = newValue }
    }

    /// The value to merge: nil when missing or blank.
    func value(_ field: MergeField) -> String? {
        guard let value = values[field], !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return nil
        }
        return value
    }
}
