import Foundation
import GRDB

/// What every record of a contact (a notice, a consent, an inbound contact) checks first: it is
/// about a prospect, and it has already happened.
enum ContactRecord {
    /// - throws: `ContactRecordError.futureDate` past a minute of clock skew,
    ///   `.unknownProspect` when the SIREN has no prospect row.
    static func check(siren: Int, at date: Date, now: Date, _ db: Database) throws {
        guard date <= now.addingTimeInterval(60) else { throw ContactRecordError.futureDate(Timestamp.string(date)) }
        guard
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM prospect WHERE siren = ?)", arguments: [siren])
                ?? false
        else { throw ContactRecordError.unknownProspect(siren) }
    }
}
