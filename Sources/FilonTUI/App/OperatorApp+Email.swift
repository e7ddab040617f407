import FilonCore

/// The email key: a template, a recipient, the draft merged from the card and edited in
/// `$EDITOR`, a yes, then the outbox (one transaction with the history) and the send.
extension OperatorApp {
    func startEmail(_ target: ActionTarget) {
        guard services.mail != nil else {
            message = StatusMessage(services.mailOff, .refusal)
            return
        }
        guard editor != nil else {
            message = StatusMessage("no editor on this screen: email needs a terminal", .refusal)
            return
        }
        let templates = services.templates
        guard !templates.templates.isEmpty else {
            let problems = templates.problems.map(\.description).joined(separator: "; ")
            message = StatusMessage(
                "no email template in \(templates.directory ?? "templates/"): add NAME.txt (Subject: line, blank line, text)"
                    + (problems.isEmpty ? "" : " — \(problems)"), .refusal)
            return
        }
        do {
            guard let composer = try EmailComposer.load(siren: target.siren, from: loader.database) else {
                message = StatusMessage("\(target.name) is no longer in the database", .refusal)
                return
            }
            let recipients = try composer.recipients()
            emailPlan = EmailPlan(target: target, composer: composer, recipients: recipients)
        } catch let error as EmailComposerError {
            message = StatusMessage("no email: \(error)", .refusal)
            return
        } catch {
            errorMessage = ProspectLoader.describe(error)
            return
        }
        if templates.templates.count == 1 {
            chooseTemplate(0)
        } else {
            prompt = .emailTemplate(target, names: templates.names, highlighted: 0)
        }
    }

    func chooseTemplate(_ index: Int) {
        guard var plan = emailPlan, services.templates.templates.indices.contains(index) else { return }
        plan.template = services.templates.templates[index]
        emailPlan = plan
        if plan.recipients.count == 1 {
            chooseRecipient(0)
        } else {
            prompt = .emailRecipient(plan.target, labels: plan.recipients.map(\.label), highlighted: 0)
        }
    }

    /// With the recipient known: the draft, the editor, then the question.
    func chooseRecipient(_ index: Int) {
        guard var plan = emailPlan, let template = plan.template, plan.recipients.indices.contains(index),
            let mail = services.mail, let editor
        else { return }
        let recipient = plan.recipients[index]
        do {
            let merged = try plan.composer.draft(template.template, to: recipient, sender: mail.sender)
            let draft = try EmailDraft(editorText: try editor(merged.editorText))
            plan.recipient = recipient
            plan.draft = draft
            emailPlan = plan
            prompt = .confirm(plan.target, .sendEmail(subject: draft.subject, to: recipient.address.value))
        } catch {
            emailPlan = nil
            message = StatusMessage("nothing sent: \(error)", .refusal)
        }
    }

    /// The yes: the message goes to the outbox with its line in the history.
    func sendEmail() {
        guard let plan = emailPlan, let recipient = plan.recipient, let draft = plan.draft else { return }
        emailPlan = nil
        // No version check: the editor may stay open for minutes while the daemon enriches the
        // card, and queueing a message overwrites nothing.
        send(
            .email(
                siren: plan.target.siren, to: recipient.mailbox, draft: draft, template: plan.template?.name))
    }

    /// The outbox has the message: send it now, off the UI thread.
    func sendQueued(_ id: Int, to address: String) {
        guard let mail = services.mail else { return }
        message = StatusMessage("email to \(address) saved in the outbox: sending…", .info)
        loader.submit(mailID: id, address: address, service: mail, generation: generation)
    }

    func applyDelivery(_ delivery: EmailDelivery, to address: String) {
        switch delivery {
        case .sent(let reply):
            message = StatusMessage("email sent to \(address) (server: \(reply))", .success)
        case .willRetry(let reason):
            message = StatusMessage(
                "email to \(address) not sent yet (\(reason)): it waits in the outbox, filond tries again", .refusal)
        case .failed(let reason):
            message = StatusMessage("email to \(address) not sent: \(reason)", .refusal)
        case .unavailable:
            message = StatusMessage("email to \(address) is with the daemon's outbox", .info)
        }
        reload()
    }
}
