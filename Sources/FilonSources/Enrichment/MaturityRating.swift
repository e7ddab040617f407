import FilonCore
import Foundation

/// How mature a website is for a seller of websites, from its audit. The rules are one table:
/// any fatal issue gives `none` (no usable site), any major one `weak`, one or two minor ones
/// `fair`, three or more `weak`, none at all `good`.
enum MaturityRating {
    enum Severity: Sendable { case fatal, major, minor }

    /// What a rule looks at: the audit and today.
    struct Facts: Sendable {
        var report: WebsiteAuditReport
        var now: Date
        var currentYear: Int
    }

    struct Rule: Sendable {
        var severity: Severity
        /// The issue in a few words, or nil when the site passes.
        var issue: @Sendable (Facts) -> String?

        init(_ severity: Severity, _ issue: @escaping @Sendable (Facts) -> String?) {
            self.severity = severity
            self.issue = issue
        }
    }

    // Thresholds.
    static let heavyBytes = 5_000_000
    static let largeBytes = 2_000_000
    static let slowMilliseconds = 3_000
    static let sluggishMilliseconds = 1_500
    /// A © older than this many years is a site nobody looks after.
    static let staleCopyrightYears = 4
    /// A © of this year or the last one, or a Last-Modified within this many days, is recent.
    static let recentCopyrightYears = 1
    static let recentModifiedDays = 365
    /// A CMS release at least this old means years without updates.
    static let oldCMSYears = 8
    static let minorIssuesForWeak = 3

    static let rules: [Rule] = [
        // none: no usable site.
        // Reasons are stored joined by "; ": the error must not carry one.
        Rule(.fatal) {
            $0.report.reachable
                ? nil : "unreachable: " + ($0.report.error ?? "no answer").replacingOccurrences(of: ";", with: ",")
        },
        Rule(.fatal) { $0.report.parked ? "parked domain" : nil },
        // weak: a visitor or Google sees an old or broken site.
        Rule(.major) { $0.report.https ? nil : "no HTTPS" },
        Rule(.major) { $0.report.certificateValid == false ? "invalid certificate" : nil },
        Rule(.major) { $0.report.hasViewport ? nil : "no mobile viewport" },
        Rule(.major) { facts in
            staleCopyright(facts).map { "© \($0)" }
        },
        Rule(.major) { facts in
            facts.report.cms.flatMap { cms in
                releaseYear(of: cms).flatMap { facts.currentYear - $0 >= oldCMSYears ? cms : nil }
            }
        },
        Rule(.major) { facts in
            facts.report.bytes.flatMap { $0 > heavyBytes ? "heavy page (\(megabytes($0)))" : nil }
        },
        Rule(.major) { facts in
            facts.report.responseMilliseconds.flatMap { $0 > slowMilliseconds ? "slow response (\(seconds($0)))" : nil }
        },
        // fair: small things a good site gets right.
        Rule(.minor) { facts in
            guard staleCopyright(facts) == nil, !hasRecentDate(facts) else { return nil }
            return facts.report.copyrightYear.map { "© \($0)" } ?? "no recent date"
        },
        Rule(.minor) { facts in
            facts.report.bytes.flatMap { $0 > largeBytes && $0 <= heavyBytes ? "large page (\(megabytes($0)))" : nil }
        },
        Rule(.minor) { facts in
            facts.report.responseMilliseconds.flatMap {
                $0 > sluggishMilliseconds && $0 <= slowMilliseconds ? "response in \(seconds($0))" : nil
            }
        },
        Rule(.minor) { facts in
            switch facts.report.legalNoticeHasSiren {
            case nil: return "no legal notice"
            case false?: return "legal notice without SIREN"
            case true?: return nil
            }
        },
        Rule(.minor) { $0.report.title == nil ? "no title" : nil },
    ]

    static func rate(_ report: WebsiteAuditReport, now: Date) -> DigitalMaturity {
        let facts = Facts(report: report, now: now, currentYear: year(of: now))
        var issues: [Severity: [String]] = [:]
        for rule in rules {
            if let issue = rule.issue(facts) { issues[rule.severity, default: []].append(issue) }
        }
        let (fatal, major, minor) = (issues[.fatal] ?? [], issues[.major] ?? [], issues[.minor] ?? [])
        if !fatal.isEmpty { return DigitalMaturity(level: .none, reasons: fatal) }
        if !major.isEmpty || minor.count >= minorIssuesForWeak {
            return DigitalMaturity(level: .weak, reasons: major + minor)
        }
        return DigitalMaturity(level: minor.isEmpty ? .good : .fair, reasons: minor)
    }

    // MARK: - Dates

    /// The © year when it is older than `staleCopyrightYears`.
    private static func staleCopyright(_ facts: Facts) -> Int? {
        facts.report.copyrightYear.flatMap { facts.currentYear - $0 > staleCopyrightYears ? $0 : nil }
    }

    private static func hasRecentDate(_ facts: Facts) -> Bool {
        if let year = facts.report.copyrightYear, facts.currentYear - year <= recentCopyrightYears { return true }
        if let modified = facts.report.lastModified.flatMap(httpDate) {
            return facts.now.timeIntervalSince(modified) <= Double(recentModifiedDays) * 86_400
        }
        return false
    }

    /// An HTTP date ("Tue, 15 Nov 1994 08:12:31 GMT").
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text.trimmingCharacters(in: .whitespaces))
    }

    static func year(of date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.component(.year, from: date)
    }

    // MARK: - CMS age

    /// The year each version of the common CMSs came out: a version is as old as the last one
    /// listed at or below it.
    static let releases: [String: [(version: [Int], year: Int)]] = [
        "WordPress": [
            ([1, 0], 2004), ([1, 5], 2005), ([2, 0], 2005), ([2, 1], 2007), ([2, 5], 2008), ([2, 8], 2009),
            ([3, 0], 2010), ([3, 1], 2011), ([3, 4], 2012), ([3, 6], 2013), ([3, 9], 2014), ([4, 2], 2015),
            ([4, 5], 2016), ([4, 8], 2017), ([5, 0], 2018), ([5, 1], 2019), ([5, 4], 2020), ([5, 7], 2021),
            ([5, 9], 2022), ([6, 2], 2023), ([6, 5], 2024), ([6, 8], 2025),
        ],
        "Joomla": [
            ([1, 0], 2005), ([1, 5], 2008), ([1, 6], 2011), ([2, 5], 2012), ([3, 5], 2016), ([3, 7], 2017),
            ([3, 9], 2018), ([4, 0], 2021), ([5, 0], 2023),
        ],
        "Drupal": [
            ([4], 2002), ([5], 2007), ([6], 2008), ([7], 2011), ([8], 2015), ([9], 2020), ([10], 2022), ([11], 2024),
        ],
        "PrestaShop": [
            ([1, 0], 2008), ([1, 2], 2009), ([1, 3], 2010), ([1, 4], 2011), ([1, 5], 2012), ([1, 6], 2014),
            ([1, 7], 2016), ([8, 0], 2022), ([9, 0], 2025),
        ],
    ]

    /// The release year of "WordPress 3.4", "Drupal 7"…; nil without a version or for another CMS.
    static func releaseYear(of cms: String) -> Int? {
        let parts = cms.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, let table = releases[String(parts[0])] else { return nil }
        let version = parts[1].split(separator: ".").map { Int($0) }
        guard let first = version.first, first != nil else { return nil }
        let numbers = version.prefix { $0 != nil }.compactMap { $0 }
        var year = table.first?.year
        for entry in table where !numbers.lexicographicallyPrecedes(entry.version) { year = entry.year }
        return year
    }

    // MARK: - Words

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }

    static func seconds(_ milliseconds: Int) -> String { String(format: "%.1f s", Double(milliseconds) / 1_000) }
}
