import FilonCLI
import FilonCore

/// A SIREN typed on the command line, spaces allowed ("552 100 554").
enum SirenText {
    /// - throws: `CommandFailure.usage` naming what is wrong with the text.
    static func parse(_ text: String) throws -> Int {
        let digits = text.filter { !$0.isWhitespace }
        guard digits.count == 9, Siren.isValid(digits), let number = Int(digits) else {
            throw CommandFailure.usage("\(text) is not a SIREN: 9 digits that pass the Luhn check")
        }
        return number
    }
}
