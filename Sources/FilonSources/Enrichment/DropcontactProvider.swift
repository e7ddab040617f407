import FilonCore
import Foundation

/// Dropcontact: professional emails (qualified), phones and LinkedIn pages of a company's
/// directors. Asynchronous: the batch is posted, then its result polled until ready.
///
/// Credits: Dropcontact charges per nominative email found, so a company costs the number of
/// valid nominative emails found for its directors, at most `maxPeoplePerCompany`.
struct DropcontactProvider: EnrichmentProvider {
    var id: ProviderID { .dropcontact }
    var batchSize: Int { 250 }

    /// Seconds between polls: Dropcontact asks for about 30.
    let pollInterval: Double
    /// Polls before giving up for this pass; the batch is asked again on the next one.
    let maxPolls: Int

    /// Directors asked per company: the managers come first, and each one may cost a credit.
    static let maxPeoplePerCompany = 3
    /// Dropcontact's limit of records per request.
    static let maxRecordsPerRequest = 250

    init(pollInterval: Double = 30, maxPolls: Int = 12) {
        self.pollInterval = pollInterval
        self.maxPolls = maxPolls
    }

    func maxCredits(_ settings: ProviderSettings) -> Int { Self.maxPeoplePerCompany }

    /// One person sent: the company it was sent for, and the director it stands for.
    struct Sent: Equatable {
        var siren: Int
        var director: Director
        var record: DropcontactRequest.Record
    }

    func enrich(_ companies: [CompanyProfile], _ call: ProviderCall) async throws -> [Int: EnrichmentResult] {
        let sent = companies.flatMap(Self.records)
        guard !sent.isEmpty else { return [:] }
        // A batch posted now would be charged and never collected.
        if call.stop.isRequested { throw EnrichmentError.notReady(id, detail: "stopping before posting") }
        var pending: [(requestID: String, records: [Sent])] = []
        for start in stride(from: 0, to: sent.count, by: Self.maxRecordsPerRequest) {
            let chunk = Array(sent[start..<min(start + Self.maxRecordsPerRequest, sent.count)])
            pending.append((try await submit(chunk, call), chunk))
        }
        var answered: [(records: [Sent], data: [DropcontactResult.Record])] = []
        var polls = 0
        while !pending.isEmpty {
            guard polls < maxPolls, !call.stop.isRequested else {
                let ids = pending.map(\.requestID).joined(separator: ", ")
                let why = call.stop.isRequested ? "stopped while waiting" : "not ready after \(polls) polls"
                throw EnrichmentError.notReady(id, detail: "request \(ids) \(why)")
            }
            try await pause(call.stop)
            if call.stop.isRequested { continue }
            polls += 1
            var waiting: [(requestID: String, records: [Sent])] = []
            for job in pending {
                if let data = try await poll(job.requestID, call) {
                    answered.append((job.records, data))
                } else {
                    waiting.append(job)
                }
            }
            pending = waiting
        }
        var found: [Int: [ContactFinding]] = [:]
        for (records, data) in answered {
            for (index, record) in data.enumerated() {
                guard let owner = Self.owner(of: record, at: index, in: records) else { continue }
                for contact in Self.contacts(record, person: owner.person)
                where !(found[owner.siren] ?? []).contains(where: {
                    $0.kind == contact.kind && $0.value == contact.value
                }) {
                    found[owner.siren, default: []].append(contact)
                }
            }
        }
        var results: [Int: EnrichmentResult] = [:]
        for siren in Set(sent.map(\.siren)) {
            guard let contacts = found[siren], !contacts.isEmpty else {
                results[siren] = .notFound()
                continue
            }
            let credits = contacts.filter { $0.kind == .email && $0.validation == .valid && $0.subtype == .nominative }
                .count
            let website = contacts.first { $0.kind == .website }?.value
            results[siren] = EnrichmentResult(
                contacts: contacts, webPresence: website.map { WebPresenceFinding(website: $0) },
                creditsSpent: credits)
        }
        return results
    }

    // MARK: - Requests

    private func headers(_ call: ProviderCall) -> [String: String] {
        ["X-Access-Token": call.apiKey ?? "", "Content-Type": "application/json"]
    }

    /// Posts a batch and returns its request id.
    private func submit(_ records: [Sent], _ call: ProviderCall) async throws -> String {
        let url = try HTTPRequest.url(base: call.baseURL, path: "/enrich/all", provider: id.rawValue)
        let body = try JSONEncoder().encode(DropcontactRequest(data: records.map(\.record)))
        let answer = try await send(HTTPRequest(method: "POST", url: url, headers: headers(call), body: body), call)
            .decode(DropcontactSubmission.self)
        let refused = answer.error?.isDropcontactError == true || answer.success == false
        let requestID = answer.requestId.flatMap { RegistryValues.text($0.value) }
        guard !refused, let requestID else {
            let reason = answer.reason ?? answer.error?.textValue ?? "no request_id"
            throw refusal(reason, url: url)
        }
        call.logger.debug("dropcontact: \(records.count) people posted as \(requestID)")
        return requestID
    }

    /// The records of a finished request; nil while Dropcontact is still working on it.
    private func poll(_ requestID: String, _ call: ProviderCall) async throws -> [DropcontactResult.Record]? {
        let url = try HTTPRequest.url(base: call.baseURL, path: "/enrich/all/\(requestID)", provider: id.rawValue)
        let answer = try await send(HTTPRequest(url: url, headers: headers(call)), call)
            .decode(DropcontactResult.self)
        // A record that could not be read keeps its place, so that the others still map by position.
        if answer.success == true { return (answer.data ?? []).map { (try? $0.result.get()) ?? .init() } }
        if answer.error?.isDropcontactError == true {
            throw refusal(answer.reason ?? answer.error?.textValue ?? "error", url: url)
        }
        return nil
    }

    /// 403 is Dropcontact's "not enough credits": the whole request is refused.
    private func send(_ request: HTTPRequest, _ call: ProviderCall) async throws -> HTTPResponse {
        do {
            return try await call.client.send(request)
        } catch HTTPError.unauthorized(_, let status) where status == 403 {
            throw EnrichmentError.outOfCredits(id, detail: "HTTP 403")
        } catch HTTPError.client(_, let status, let excerpt)
            where status == 402
            || EnrichmentValues.mentionsCredits(excerpt)
        {
            throw EnrichmentError.outOfCredits(id, detail: "HTTP \(status)")
        }
    }

    private func refusal(_ reason: String, url: URL) -> any Error {
        if EnrichmentValues.mentionsCredits(reason) { return EnrichmentError.outOfCredits(id, detail: reason) }
        return HTTPError.malformed(provider: id.rawValue, url: HTTPError.display(url), detail: "refused: \(reason)")
    }

    /// Sleeps one poll interval, in slices, so that a stop request is not kept waiting 30 s.
    private func pause(_ stop: StopSignal) async throws {
        var left = pollInterval
        while left > 0, !stop.isRequested {
            let slice = min(left, 1)
            try await Task.sleep(for: .seconds(slice))
            left -= slice
        }
    }

    // MARK: - Records sent

    /// One record per physical director, the first `maxPeoplePerCompany` ones; none for a company
    /// without a named person, which Dropcontact cannot search.
    static func records(_ company: CompanyProfile) -> [Sent] {
        let people = company.directors.filter { $0.kind == .physical && RegistryValues.text($0.lastName) != nil }
            .prefix(maxPeoplePerCompany)
        let profiles = company.linkedinURLs.filter { EnrichmentValues.linkedinSlug($0) != nil }
        return people.map { director in
            // Only a profile that names this director, or the only one of the only director.
            let linkedin =
                profiles.first { url in
                    EnrichmentValues.linkedinSlug(url).map { EnrichmentValues.slug($0, names: director) } ?? false
                }
                ?? (people.count == 1 && profiles.count == 1 ? profiles.first : nil)
            let firstName = EnrichmentValues.firstName(director.firstNames)
            let lastName = RegistryValues.text(director.lastName)
            let record = DropcontactRequest.Record(
                firstName: firstName, lastName: lastName,
                fullName: [firstName, lastName].compactMap { $0 }.joined(separator: " "),
                company: RegistryValues.text(company.name), website: company.websites.first,
                numSiren: Siren.pad(company.siren, 9), linkedin: linkedin)
            return Sent(siren: company.siren, director: director, record: record)
        }
    }

    // MARK: - Records answered

    /// The company and director a returned record belongs to. The company: the SIREN the record
    /// carries (the one sent, then the one found) when it is one of the batch, else the record's
    /// position. The director: the one of that company with the record's last name, else the one
    /// at that position, else the company's only one.
    static func owner(
        of record: DropcontactResult.Record, at index: Int, in sent: [Sent]
    ) -> (siren: Int, person: Director?)? {
        let positional = index < sent.count ? sent[index] : nil
        let sirens = Set(sent.map(\.siren))
        let claimed = [record.numSiren, record.siren].compactMap { $0.flatMap { RegistryValues.siren($0.value) } }
            .first { sirens.contains($0) }
        guard let siren = claimed ?? positional?.siren else { return nil }
        let colleagues = sent.filter { $0.siren == siren }
        let lastName = EnrichmentValues.fold(record.lastName)
        let person =
            colleagues.first { !lastName.isEmpty && EnrichmentValues.fold($0.director.lastName) == lastName }
            ?? (positional?.siren == siren ? positional : nil) ?? (colleagues.count == 1 ? colleagues.first : nil)
        return (siren, person?.director)
    }

    static func contacts(_ record: DropcontactResult.Record, person: Director?) -> [ContactFinding] {
        var contacts: [ContactFinding] = []
        for email in record.email?.values ?? [] {
            let (validation, subtype, label) = qualify(email.qualification ?? record.qualification)
            if let finding = EnrichmentValues.email(
                email.email, subtype: subtype, validation: validation, person: person, label: label)
            {
                contacts.append(finding)
            }
        }
        // `phone` is the company's switchboard; `mobile_phone` the person's.
        if let phone = EnrichmentValues.phone(record.phone?.value) { contacts.append(phone) }
        if let mobile = EnrichmentValues.phone(record.mobilePhone?.value, subtype: .mobile, person: person) {
            contacts.append(mobile)
        }
        if let linkedin = RegistryValues.text(record.linkedin) {
            contacts.append(ContactFinding(kind: .linkedin, value: linkedin, subtype: .person, person: person))
        }
        if let linkedin = RegistryValues.text(record.companyLinkedin) {
            contacts.append(ContactFinding(kind: .linkedin, value: linkedin, subtype: .company))
        }
        if let website = RegistryValues.text(record.website) {
            contacts.append(ContactFinding(kind: .website, value: website))
        }
        return contacts
    }

    /// `nominatif@pro` / `nominative@pro` → valid and nominative; `catch_all@pro` → catch-all (the
    /// domain accepts any address); `invalid` → invalid; a `@perso` address is labelled personal.
    static func qualify(
        _ qualification: String?
    ) -> (ContactFinding.Validation, ContactFinding.Subtype?, String?) {
        let text = (qualification ?? "").lowercased()
        let label = text.contains("perso") ? EnrichmentValues.personalLabel : nil
        if text.contains("invalid") { return (.invalid, nil, label) }
        if text.contains("catch") { return (.catchAll, nil, label) }
        if text.contains("nominati") { return (.valid, .nominative, label) }
        return (.unknown, nil, label)
    }
}
