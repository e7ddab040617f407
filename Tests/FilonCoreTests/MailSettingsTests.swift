import Testing

@testable import FilonCore

@Suite struct MailSettingsTests {
    @Test func withoutASectionEmailIsOff() throws {
        let mail = try FilonConfig.parse("", path: "filon.toml").mail
        #expect(mail == MailSettings())
        #expect(!mail.isConfigured)
        #expect(mail.maxAttempts == 5 && mail.templatesDirectory == nil)
    }

    @Test func everyKeyCanBeSet() throws {
        let mail = try FilonConfig.parse(
            """
            [mail]
            url = "smtp://mail.atelier-martin.fr:587"
            username = "lea"
            password = "in the file, though the environment is better"
            starttls = "try"
            from = "lea@Atelier-Martin.fr"
            sender_name = "Léa Martin"
            sender_company = "Atelier Web Martin"
            sender_address = "12 rue des Lilas, 69001 Lyon"
            unsubscribe_address = "stop@atelier-martin.fr"
            privacy_notice_url = "https://atelier-martin.fr/confidentialite"
            timeout = 30
            connect_timeout = 2.5
            templates_dir = "/etc/filon/templates"
            max_attempts = 3
            """, path: "filon.toml"
        ).mail
        let smtp = mail.smtp
        #expect(mail.isConfigured)
        #expect(smtp.url == "smtp://mail.atelier-martin.fr:587" && smtp.username == "lea")
        #expect(smtp.startTLS == .opportunistic)
        // The domain is lower-cased once checked.
        #expect(smtp.from == "lea@atelier-martin.fr")
        #expect(smtp.senderName == "Léa Martin" && smtp.senderCompany == "Atelier Web Martin")
        #expect(smtp.senderAddress == "12 rue des Lilas, 69001 Lyon")
        #expect(smtp.unsubscribeAddress == "stop@atelier-martin.fr")
        #expect(smtp.privacyNoticeURL == "https://atelier-martin.fr/confidentialite")
        #expect(smtp.timeout == 30 && smtp.connectTimeout == 2.5)
        #expect(mail.templatesDirectory == "/etc/filon/templates" && mail.maxAttempts == 3)
        #expect(try smtp.senderIdentity().email.value == "lea@atelier-martin.fr")
        // Settings may be logged: the password never is.
        #expect(!"\(mail)".contains("environment is better"))
    }

    @Test func theEnvironmentWinsOverTheFile() throws {
        var config = try FilonConfig.parse("[mail]\nurl = \"smtp://old:587\"\nusername = \"a\"\n", path: "f")
        config.applyEnvironment([
            "FILON_MAIL_URL": "smtps://mail.example.fr:465", "FILON_MAIL_USERNAME": "b", "FILON_MAIL_PASSWORD": "p",
        ])
        #expect(config.mail.smtp.url == "smtps://mail.example.fr:465")
        #expect(config.mail.smtp.username == "b" && config.mail.smtp.password == "p")
        // The URL alone, from the environment, turns email on.
        var bare = FilonConfig()
        bare.applyEnvironment(["FILON_MAIL_URL": "smtp://127.0.0.1:2525", "FILON_MAIL_PASSWORD": ""])
        #expect(bare.mail.isConfigured && bare.mail.smtp.password == nil)
    }

    @Test(arguments: [
        ("[mail]\nport = 25\n", "filon.toml: unknown setting mail.port; expected one of: connect_timeout, from, "),
        ("[mail]\nstarttls = \"yes\"\n", "filon.toml: mail.starttls must be \"required\", \"try\" or \"never\""),
        ("[mail]\nfrom = \"lea.atelier-martin.fr\"\n", "filon.toml: the mail.from \"lea.atelier-martin.fr\" is not"),
        ("[mail]\nunsubscribe_address = \"stop@\"\n", "filon.toml: the mail.unsubscribe_address \"stop@\" is not"),
        ("[mail]\ntimeout = 0\n", "filon.toml: mail.timeout must be a number of seconds > 0, not 0"),
        ("[mail]\ntimeout = \"60\"\n", "filon.toml: mail.timeout must be a number of seconds > 0, not a string"),
        ("[mail]\nmax_attempts = 0\n", "filon.toml: mail.max_attempts must be a whole number ≥ 1, not 0"),
        ("[mail]\nurl = 587\n", "filon.toml: mail.url must be a string in quotes, not an integer"),
        ("mail = 1\n", "filon.toml: mail must be a table, not an integer"),
        ("[mali]\n", "filon.toml: unknown setting mali; expected one of: calling, daemon, import, mail,"),
    ])
    func errorsNameTheKey(_ text: String, _ message: String) {
        #expect {
            _ = try FilonConfig.parse(text, path: "filon.toml")
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }
}
