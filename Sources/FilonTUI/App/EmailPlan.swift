import FilonCore

/// An email being prepared from the card: the choices made so far, from the template to the
/// edited draft that waits for the operator's yes.
struct EmailPlan {
    var target: ActionTarget
    var composer: EmailComposer
    var recipients: [EmailRecipient]
    var template: TemplateLibrary.Entry?
    var recipient: EmailRecipient?
    var draft: EmailDraft?
}
