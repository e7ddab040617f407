/// A user who can take prospects now, with the open prospects they already hold.
struct AssignableUser: Sendable {
    var id: Int
    var login: String
    var role: String
    var capacity: Int
    var load: Int

    /// How full they would be with one more.
    var share: Double { Double(load + 1) / Double(capacity) }
}
