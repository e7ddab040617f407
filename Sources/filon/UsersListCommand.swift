import ArgumentParser
import FilonCLI
import FilonCore
import FilonTUI
import Foundation

/// `filon users list [--json]`: the team with each one's load against capacity and today's work.
struct UsersListCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the CRM users: role, active, open prospects against capacity, today's calls, emails, notes.")

    @OptionGroup var common: CommonOptions

    @Flag(help: "Print as JSON.")
    var json = false

    func run() throws {
        let database = try common.openDatabase()
        let directory = UserDirectory()
        let team = try database.writer.read { try directory.list($0) }
        if json {
            let rows: [[String: Any]] = team.map { entry in
                [
                    "login": entry.user.login, "name": entry.user.name, "role": entry.user.role.rawValue,
                    "role_label": entry.user.role.label, "active": entry.user.active, "capacity": entry.user.capacity,
                    "load": entry.load, "calls_today": entry.callsToday, "emails_today": entry.emailsToday,
                    "notes_today": entry.notesToday,
                    "absent_until": entry.user.absentUntil.map { Timestamp.string($0) as Any } ?? NSNull(),
                ]
            }
            let data = try JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        if team.isEmpty {
            print("No CRM users yet: add the first admin with `filon users add LOGIN --role admin --name \"…\"`.")
            return
        }
        let names = team.map { TerminalText.clean($0.user.name) }
        let loginWidth = max(5, team.map(\.user.login.count).max() ?? 0)
        let nameWidth = min(30, max(4, names.map(\.count).max() ?? 0))
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
        }
        func right(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        print(
            pad("LOGIN", loginWidth) + "  " + pad("NAME", nameWidth) + "  " + pad("ROLE", 15) + "  ACTIVE  "
                + right("LOAD/CAP", 9) + "  CALLS  EMAILS  NOTES")
        for (entry, name) in zip(team, names) {
            var line =
                pad(entry.user.login, loginWidth) + "  " + pad(name, nameWidth) + "  " + pad(entry.user.role.label, 15)
                + "  " + pad(entry.user.active ? "yes" : "no", 6) + "  "
                + right("\(entry.load)/\(entry.user.capacity)", 9) + "  " + right(String(entry.callsToday), 5) + "  "
                + right(String(entry.emailsToday), 6) + "  " + right(String(entry.notesToday), 5)
            if entry.user.active, entry.user.isAbsent(at: directory.now), let until = entry.user.absentUntil {
                line += "  absent until \(Timestamp.string(until))"
            }
            print(line)
        }
    }
}
