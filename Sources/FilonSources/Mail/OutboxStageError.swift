/// Why the daemon's email step could not run.
enum OutboxStageError: Error, CustomStringConvertible {
    case notConfigured(waiting: Int)

    var description: String {
        switch self {
        case .notConfigured(let waiting):
            return "\(waiting) queued email(s) wait but no mail server is set: set [mail] url (or FILON_MAIL_URL), "
                + "from, sender_name, sender_company and sender_address in filond's configuration"
        }
    }
}
