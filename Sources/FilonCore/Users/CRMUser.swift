import Foundation
import GRDB

/// A person who works in the CRM: their login (the OS login they sign in with), the name shown
/// to the team, what they may do, and how many open prospects they should hold at most.
public struct CRMUser: Sendable, Equatable, Identifiable {
    public var id: Int
    public var login: String
    public var name: String
    public var role: UserRole
    public var active: Bool
    /// Open prospects the balance aims to give them at most; 0 means "give them nothing".
    public var capacity: Int
    /// Until when they are away (holidays, sick leave); nil when present.
    public var absentUntil: Date?

    public init(
        id: Int, login: String, name: String, role: UserRole, active: Bool = true, capacity: Int = 100,
        absentUntil: Date? = nil
    ) {
        self.id = id
        self.login = login
        self.name = name
        self.role = role
        self.active = active
        self.capacity = capacity
        self.absentUntil = absentUntil
    }

    /// Whether they are away at `date`.
    public func isAbsent(at date: Date) -> Bool { absentUntil.map { $0 > date } ?? false }

    static let columns = "id, login, name, role, active, capacity, absent_until"

    /// A row holding `columns`. An unknown role in the file reads as the least powerful one, so
    /// a damaged row never grants admin rights.
    init(row: Row) {
        self.init(
            id: row["id"], login: row["login"], name: row["name"],
            role: UserRole(rawValue: row["role"]) ?? .telepro, active: row["active"], capacity: row["capacity"],
            absentUntil: (row["absent_until"] as String?).flatMap(Timestamp.date(_:)))
    }

    static func fetch(id: Int, _ db: Database) throws -> CRMUser? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM user WHERE id = ?", arguments: [id]).map(CRMUser.init(row:))
    }

    static func fetch(login: String, _ db: Database) throws -> CRMUser? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM user WHERE login = ?", arguments: [login]).map(
            CRMUser.init(row:))
    }
}
