import ArgumentParser
import FilonCLI
import FilonCore
import FilonSources
import FilonTUI
import Foundation

/// `filon` with no subcommand: the operators' full-screen CRM.
struct OpenCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Filon's operator screen: your call queue, the prospect's card and history.",
        discussion: """
            A telepro or a commercial works their call queue: n takes the next prospect, 1–9 record the \
            call's outcome, N a note, f a follow-up, s the status, x "ne plus contacter". An admin, or a \
            login that is not a CRM user (read-only), browses the newest companies. ? shows every key \
            (docs/KEYS.md, `filon keys`), q quits. Themes: --theme NAME reads NAME.toml from \
            $FILON_THEMES_DIR, ./themes or ../share/filon/themes beside the program; NO_COLOR (any \
            value) turns colours off.
            """)

    @OptionGroup var common: CommonOptions

    @Option(
        name: .long,
        help: "The colour theme: default, light, high-contrast, monochrome, or a .toml file.")
    var theme: String?

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp("Work as this CRM user (admins).", valueName: "login"))
    var login: String?

    func run() throws {
        let environment = common.environment
        let config = try common.loadConfig()
        let theme = try loadTheme(configured: config.theme, environment: environment)
        let path = DatabaseLocation.resolve(explicit: common.db, environment: environment)
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure.runtime(
                "no database at \(path): import companies first (filond import sirene FILE… --db \(path)), "
                    + "or pass --db PATH")
        }
        let database = try common.openDatabase()
        do {
            // Read once now, so that a locked or damaged file is reported before the screen opens.
            _ = try database.dataVersion()
            _ = try database.newestProspects(limit: 1)
        } catch {
            throw CommandFailure.runtime("cannot read the database \(path): \(error)")
        }
        if let warning = TerminalLocale.prepare() {
            FileHandle.standardError.write(Data("filon: warning: \(warning)\n".utf8))
        }
        let session: OperatorSession
        do {
            session = try OperatorIdentity.session(login: login, environment: environment, database)
        } catch let refusal as CommandFailure {
            throw refusal
        } catch {
            throw CommandFailure.runtime("cannot read the users of \(path): \(error)")
        }
        let keymap = try KeysCommand.keymap(config.calling)
        do {
            try OperatorTUI.run(
                database: database, databaseName: (path as NSString).lastPathComponent, session: session,
                calling: config.calling, keymap: keymap,
                services: services(config, database: database, environment: environment),
                theme: theme)
        } catch let error as TerminalError {
            throw CommandFailure.runtime(error.description)
        }
    }

    /// The dial command, the mail and the templates, from the configuration. A `[mail]` that
    /// cannot send leaves email off with the reason, which the email key shows.
    private func services(_ config: FilonConfig, database: AppDatabase, environment: [String: String])
        -> OperatorServices
    {
        let templates = TemplateLibrary.load(
            searching: TemplateLibrary.searchDirectories(
                environment: environment, currentDirectory: FileManager.default.currentDirectoryPath,
                executablePath: Bundle.main.executableURL?.resolvingSymlinksInPath().path,
                configured: config.mail.templatesDirectory))
        var services = OperatorServices(
            dialer: config.calling.dialCommand.map { CallDialer(command: $0, environment: environment) },
            templates: templates, daemon: config.daemon)
        guard config.mail.isConfigured else { return services }
        do {
            let sender = try config.mail.smtp.senderIdentity()
            let mailer = try SMTPMailer(settings: config.mail.smtp)
            services.mail = .outbox(
                database: database, outbox: EmailOutbox(maxAttempts: config.mail.maxAttempts), transport: mailer,
                sender: sender)
        } catch {
            services.mailOff = "email is off: \(error)"
        }
        return services
    }

    /// `--theme`, else the config's `ui.theme`, else the default theme; NO_COLOR forces monochrome.
    private func loadTheme(configured: String?, environment: [String: String]) throws -> Theme {
        let directories = ThemeLoader.searchDirectories(
            environment: environment, currentDirectory: FileManager.default.currentDirectoryPath,
            executablePath: Bundle.main.executableURL?.resolvingSymlinksInPath().path)
        do {
            return try ThemeLoader.load(
                name: theme ?? configured, directories: directories, noColor: environment["NO_COLOR"] != nil
            )
        } catch let error as ThemeError {
            throw CommandFailure.usage(error.description)
        }
    }
}
