import ArgumentParser

/// `filon users add|list|disable|enable|set-capacity`: the team. Changes need the OS login to be
/// an active admin, except adding the very first admin.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Add, list, disable and enable CRM users; set their capacity.",
        discussion: """
            Each person signs in with their OS login, which must be a CRM user. Roles: admin (manages \
            the team, reassigns), commercial (sales rep), telepro (téléprospecteur). Capacity: how many \
            open prospects the daemon gives them at most. Every change needs the OS login to be an \
            active admin and is written to the audit log; while there is no admin yet, the first admin \
            is added without one.
            """,
        subcommands: [
            UsersAddCommand.self, UsersListCommand.self, UsersDisableCommand.self, UsersEnableCommand.self,
            UsersSetCapacityCommand.self,
        ])
}
