import FilonCLI
import FilonCore

/// The data-quality commands' refusals as exit codes: 2 for what the command line got wrong (a
/// SIREN that is not one, no such company or merge, the same record twice), 1 for what the rules
/// refuse (not an admin, an archived winner, a record changed since its merge).
enum QualityRefusal {
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PermissionError {
            throw CommandFailure.runtime(error.description)
        } catch let error as RecordMergeError {
            switch error {
            case .sameRecord, .unknownCompany, .unknownMerge: throw CommandFailure.usage(error.description)
            case .archivedWinner, .alreadyMerged, .alreadyUndone, .changedSinceMerge, .rowChangedSinceMerge:
                throw CommandFailure.runtime(error.description)
            }
        } catch let error as ArchiveError {
            switch error {
            case .unknownCompany: throw CommandFailure.usage(error.description)
            case .alreadyArchived, .notArchived, .merged: throw CommandFailure.runtime(error.description)
            }
        } catch let error as DuplicateError {
            throw CommandFailure.usage(error.description)
        }
    }

    /// A SIREN typed on the command line (spaces allowed), or a usage error.
    static func siren(_ text: String) throws -> Int {
        let digits = text.filter { !$0.isWhitespace }
        guard digits.count == 9, Siren.isValid(digits), let number = Int(digits) else {
            throw CommandFailure.usage("\(text) is not a SIREN: 9 digits that pass the Luhn check")
        }
        return number
    }
}
