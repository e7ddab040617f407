import Testing

@testable import FilonCore

/// `[calling] dial_command`: read from the configuration, the number put in place, and nothing but
/// a phone number ever substituted.
@Suite struct DialCommandTests {
    func dialCommand(_ toml: String) throws -> DialCommand? {
        try FilonConfig.parse("[calling]\n" + toml + "\n", path: "filon.toml").calling.dialCommand
    }

    @Test func absentOrEmptyMeansDiallingByHand() throws {
        #expect(try FilonConfig.parse("", path: "filon.toml").calling.dialCommand == nil)
        #expect(try dialCommand("dial_command = []") == nil)
        #expect(try dialCommand("dial_command = \"  \"") == nil)
    }

    @Test func aListIsTheProgramThenItsArguments() throws {
        let command = try #require(try dialCommand(#"dial_command = ["linphonecsh", "dial", "{phone}"]"#))
        #expect(command.program == "linphonecsh")
        #expect(command.template == ["linphonecsh", "dial", "{phone}"])
    }

    @Test func oneStringIsSplitOnWhitespace() throws {
        let command = try #require(try dialCommand(#"dial_command = "  baresip   -e  d{national} ""#))
        #expect(command.template == ["baresip", "-e", "d{national}"])
        #expect(try command.arguments(for: "06 12 34 56 78") == ["-e", "d0612345678"])
    }

    @Test(arguments: [
        ("dial_command = 3", "filon.toml: calling.dial_command must be the program then its arguments, like"),
        (
            #"dial_command = ["linphonecsh", 3]"#,
            "filon.toml: calling.dial_command must list strings in quotes, the program then its arguments"
        ),
        (
            #"dial_command = ["linphonecsh", "dial"]"#,
            "filon.toml: calling.dial_command: the dial command must say where the number goes with {phone}"
        ),
        (
            #"dial_command = "linphonecsh dial {number}""#,
            "filon.toml: calling.dial_command: {number} is not a placeholder of the dial command; use {phone}"
        ),
        (
            #"dial_command = ["", "{phone}"]"#,
            "filon.toml: calling.dial_command: the dial command is empty; write the program then its arguments"
        ),
        (
            #"dial_command = ["/opt/{phone}", "{phone}"]"#,
            "filon.toml: calling.dial_command: the dial command's program \"/opt/{phone}\" cannot contain the number"
        ),
    ])
    func rejectsABadCommandNamingTheKey(toml: String, message: String) {
        #expect {
            try dialCommand(toml)
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test func theNumberGoesWhereThePlaceholdersSay() throws {
        let command = try DialCommand(["sip", "sip:{phone}@pbx.example", "--national={national}", "{phone}", "-v"])
        #expect(
            try command.arguments(for: "+33 (0)6 12 34 56 78") == [
                "sip:+33612345678@pbx.example", "--national=0612345678", "+33612345678", "-v",
            ])
        #expect(try command.arguments(for: "01.23.45.67.89")[1] == "--national=0123456789")
        #expect(try command.arguments(for: "0033 1 23 45 67 89")[2] == "+33123456789")
        // A foreign number's "national" form is how France dials it.
        #expect(
            try command.arguments(for: "+44 20 7946 0958") == [
                "sip:+442079460958@pbx.example", "--national=00442079460958", "+442079460958", "-v",
            ])
        // Braces that are not a placeholder are the SIP client's own.
        #expect(
            try DialCommand(["x", "{}", "{ a }", "{phone}"]).arguments(for: "0612345678") == [
                "{}", "{ a }", "+33612345678",
            ])
    }

    @Test(arguments: [
        "06 12 34 56 7a",
        "0612345678; rm -rf ~",
        "0612345678 && reboot",
        "$(reboot)",
        "`id`",
        "06|12|34|56|78",
        "+33 6 12 34 56 78\n--help",
        "06 12 34 56 ٧٨",
        "33+612345678",
        "612345678",
        "",
        "+",
        "+33 12",
        "+1234567890123456",
    ])
    func refusesWhatIsNotAPhoneNumber(phone: String) throws {
        let command = try DialCommand(["linphonecsh", "dial", "{phone}"])
        #expect(throws: DialError.implausibleNumber(phone)) { try command.arguments(for: phone) }
    }

    @Test func theRefusalSaysWhatToDo() {
        let text = "\(DialError.implausibleNumber("06 ab"))"
        #expect(text.contains("\"06 ab\" is not a phone number") && text.contains("correct it on the prospect's card"))
    }
}
