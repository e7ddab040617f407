import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a homepage tells a seller of websites, read from its HTML and headers by pure functions:
/// mobile-ready or not, which CMS, how old, parked or real, legal notice, social pages.
struct HomepageAnalysis: Sendable, Equatable {
    var hasViewport = false
    var cms: String?
    var copyrightYear: Int?
    var title: String?
    var description: String?
    var hasLocalBusinessSchema = false
    var socialLinks: [String] = []
    var parked = false
    /// The "mentions légales" link as written in the page; resolve it against the page's URL.
    var legalNoticeLink: String?

    /// Pages are read up to this size: enough for any real homepage, bounded for a hostile one.
    static let analysedBytes = 2 << 20

    /// Reads a page body (only its first `analysedBytes`) with its response headers (lowercased names).
    init(body: Data, headers: [String: String] = [:], currentYear: Int) {
        let prefix = body.prefix(Self.analysedBytes)
        let html = Self.decode(prefix, contentType: headers["content-type"])
        let scan = HTMLScan(html)
        hasViewport = scan.meta("viewport") != nil
        cms = Self.cms(generators: scan.metas("generator"), headers: headers, html: Self.lowercasedASCII(prefix))
        copyrightYear = Self.copyrightYear(in: scan.text, currentYear: currentYear)
        title = scan.title
        description = (scan.meta("description") ?? scan.meta("og:description")).flatMap {
            $0.isEmpty ? nil : String($0.prefix(1_000))
        }
        hasLocalBusinessSchema = Self.hasLocalBusinessSchema(scan)
        socialLinks = Self.socialLinks(scan.links)
        parked = Self.isParked(scan, bytes: prefix.count)
        legalNoticeLink = Self.legalNoticeLink(scan.links)
    }

    // MARK: - Decoding

    /// UTF-8 when the page is valid UTF-8 (or says it is: then invalid bytes become U+FFFD),
    /// Windows-1252, the superset of ISO-8859-1 that old French pages really use, otherwise.
    static func decode(_ body: Data, contentType: String? = nil) -> String {
        let bytes = [UInt8](body.prefix(analysedBytes))
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // The cut at `analysedBytes` may split a character in two.
        for drop in 1...3 where bytes.count > drop {
            if let text = String(validating: bytes.dropLast(drop), as: UTF8.self) { return text }
        }
        let head =
            String(decoding: lowercasedASCII(Data(bytes.prefix(4_096))), as: UTF8.self)
            + (contentType?.lowercased() ?? "")
        let saysUTF8 = ["charset=utf-8", "charset=\"utf-8", "charset='utf-8", "charset=utf8"].contains {
            head.contains($0)
        }
        if saysUTF8 { return String(decoding: bytes, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte >= 0x80, byte < 0xA0, let mapped = windows1252[byte] {
                scalars.append(mapped)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    /// Windows-1252's printable characters where ISO-8859-1 has C1 controls.
    private static let windows1252: [UInt8: Unicode.Scalar] = [
        0x80: "€", 0x82: "‚", 0x83: "ƒ", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x88: "ˆ", 0x89: "‰",
        0x8A: "Š", 0x8B: "‹", 0x8C: "Œ", 0x8E: "Ž", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•",
        0x96: "–", 0x97: "—", 0x98: "˜", 0x99: "™", 0x9A: "š", 0x9B: "›", 0x9C: "œ", 0x9E: "ž", 0x9F: "Ÿ",
    ]

    static func lowercasedASCII(_ body: Data) -> [UInt8] {
        body.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
    }

    // MARK: - CMS

    /// One CMS and how it shows: in `<meta name="generator">`, in the headers, in the markup.
    struct CMSFingerprint: Sendable {
        var name: String
        /// Lowercase words of a generator or X-Powered-By / X-Generator value.
        var generatorWords: [String]
        /// Lowercase substrings of the HTML.
        var markup: [String]
        /// Header names only this CMS sends.
        var headerNames: [String] = []
    }

    /// Builders common among French small businesses come first: their markers are specific.
    static let fingerprints: [CMSFingerprint] = [
        CMSFingerprint(name: "WordPress", generatorWords: ["wordpress"], markup: ["/wp-content/", "/wp-includes/"]),
        CMSFingerprint(
            name: "Wix", generatorWords: ["wix.com", "wix"], markup: ["static.wixstatic.com", "wix.com"],
            headerNames: ["x-wix-request-id"]),
        CMSFingerprint(name: "Jimdo", generatorWords: ["jimdo"], markup: ["jimdo"]),
        CMSFingerprint(
            name: "Shopify", generatorWords: ["shopify"], markup: ["cdn.shopify.com"],
            headerNames: ["x-shopify-stage", "x-shopid"]),
        CMSFingerprint(name: "Squarespace", generatorWords: ["squarespace"], markup: ["squarespace"]),
        CMSFingerprint(name: "Webflow", generatorWords: ["webflow"], markup: ["webflow"]),
        CMSFingerprint(name: "PrestaShop", generatorWords: ["prestashop"], markup: ["prestashop"]),
        CMSFingerprint(
            name: "Joomla", generatorWords: ["joomla"], markup: ["/media/jui/", "/components/com_", "joomla"]),
        CMSFingerprint(
            name: "Drupal", generatorWords: ["drupal"],
            markup: ["drupal.settings", "data-drupal", "/sites/default/files/", "drupal.js"]),
        CMSFingerprint(name: "e-monsite", generatorWords: ["e-monsite"], markup: ["e-monsite.com"]),
        CMSFingerprint(name: "Webnode", generatorWords: ["webnode"], markup: ["webnode."]),
        CMSFingerprint(name: "Weebly", generatorWords: ["weebly"], markup: ["weebly.com"]),
        CMSFingerprint(name: "SiteW", generatorWords: ["sitew"], markup: ["sitew.com"]),
    ]

    /// The CMS with its version when the page gives one ("WordPress 3.4", "Joomla 1.5", "Wix"):
    /// generator first (it carries the version), then headers, then markup; an unknown generator
    /// is kept as written, since even that says how the site was made.
    static func cms(generators: [String], headers: [String: String], html: [UInt8]) -> String? {
        let poweredBy = [headers["x-generator"], headers["x-powered-by"]].compactMap { $0 }
        for fingerprint in fingerprints {
            for value in generators + poweredBy {
                if let version = match(fingerprint, in: value) {
                    return version.isEmpty ? fingerprint.name : fingerprint.name + " " + version
                }
            }
        }
        for fingerprint in fingerprints {
            if fingerprint.headerNames.contains(where: { headers[$0] != nil })
                || fingerprint.markup.contains(where: { ByteSearch.contains(html, $0) })
            {
                return fingerprint.name
            }
        }
        return generators.first { !$0.isEmpty }.map { String($0.prefix(60)) }
    }

    /// The version after the CMS's name in a generator value ("" when there is none), or nil when
    /// the value does not name it.
    private static func match(_ fingerprint: CMSFingerprint, in value: String) -> String? {
        let lowered = value.lowercased()
        for word in fingerprint.generatorWords {
            guard let range = lowered.range(of: word) else { continue }
            // "Joomla! 1.5 - Open Source…", "Drupal 7 (https://www.drupal.org)", "WordPress 6.4.2".
            let rest = lowered[range.upperBound...].drop { $0 == "!" || $0 == " " || $0 == "v" }
            let version = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            return String(version.first?.isNumber == true ? version : "").trimmingCharacters(
                in: CharacterSet(charactersIn: "."))
        }
        return nil
    }

    // MARK: - Dates

    /// The most recent year written after ©, "&copy;" or "Copyright" in the visible text, between
    /// 1995 and this year ("© 2012-2019" gives 2019). Scripts and comments are left out: their
    /// libraries' licences carry years that are not the site's.
    static func copyrightYear(in text: String, currentYear: Int) -> Int? {
        let scalars = Array(text.unicodeScalars)
        let copyright = Array("copyright".unicodeScalars)
        var best: Int?
        var i = 0
        while i < scalars.count {
            var markerEnd: Int?
            if scalars[i] == "©" {
                markerEnd = i + 1
            } else if scalars[i] == "c" || scalars[i] == "C", i + copyright.count <= scalars.count,
                (0..<copyright.count).allSatisfy({ lower(scalars[i + $0]) == copyright[$0] })
            {
                markerEnd = i + copyright.count
            }
            guard let start = markerEnd else {
                i += 1
                continue
            }
            // A year belongs to the notice when it comes within the next few words.
            let end = min(scalars.count, start + 60)
            var j = start
            while j < end {
                guard scalars[j].properties.numericType != nil, scalars[j].isASCII else {
                    j += 1
                    continue
                }
                var k = j
                while k < scalars.count, scalars[k].isASCII, scalars[k].properties.numericType != nil { k += 1 }
                if k - j == 4, let year = Int(String(String.UnicodeScalarView(scalars[j..<k]))),
                    (1995...currentYear).contains(year)
                {
                    best = max(best ?? year, year)
                }
                j = k
            }
            i = start
        }
        return best
    }

    private static func lower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value + 32)! : scalar
    }

    // MARK: - Schema.org

    /// schema.org types a local business is published under (LocalBusiness and its subtypes
    /// common in France); any type ending in Store, Shop, Restaurant or Business counts too.
    static let localBusinessTypes: Set<String> = [
        "localbusiness", "restaurant", "foodestablishment", "bakery", "cafeorcoffeeshop", "barorpub", "brewery",
        "winery", "icecreamshop", "fastfoodrestaurant", "store", "autorepair", "automotivebusiness", "autodealer",
        "beautysalon", "hairsalon", "nailsalon", "dayspa", "healthandbeautybusiness", "dentist", "physician",
        "medicalbusiness", "medicalclinic", "optician", "pharmacy", "attorney", "legalservice", "notary",
        "plumber", "electrician", "hvacbusiness", "locksmith", "roofingcontractor", "housepainter",
        "generalcontractor", "homeandconstructionbusiness", "movingcompany", "realestateagent", "lodgingbusiness",
        "hotel", "bedandbreakfast", "campground", "professionalservice", "accountingservice", "financialservice",
        "insuranceagency", "travelagency", "sportsactivitylocation", "exercisegym", "entertainmentbusiness",
        "childcare", "drycleaningorlaundry", "employmentagency", "florist", "veterinarycare", "selfstorage",
        "animalshelter", "emergencyservice", "tattooparlor",
    ]

    static func isLocalBusinessType(_ type: String) -> Bool {
        // "https://schema.org/Restaurant", "schema:Bakery".
        var name = type.lowercased()
        if let slash = name.lastIndex(where: { $0 == "/" || $0 == ":" }) {
            name = String(name[name.index(after: slash)...])
        }
        name = name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { return false }
        return localBusinessTypes.contains(name)
            || ["store", "shop", "restaurant", "business"].contains { name.hasSuffix($0) }
    }

    static func hasLocalBusinessSchema(_ scan: HTMLScan) -> Bool {
        if scan.itemTypes.contains(where: { $0.split(separator: " ").contains { isLocalBusinessType(String($0)) } }) {
            return true
        }
        for block in scan.jsonLD {
            guard let data = block.data(using: .utf8) else { continue }
            if let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
                if types(in: json, depth: 0).contains(where: isLocalBusinessType) { return true }
            } else if jsonTypesByText(block).contains(where: isLocalBusinessType) {
                // Hand-written JSON-LD is often invalid (trailing commas); its types still say what it is.
                return true
            }
        }
        return false
    }

    /// Every "@type" in a JSON-LD value, nested ones (`@graph`, `publisher`…) included.
    private static func types(in value: Any, depth: Int) -> [String] {
        guard depth < 12 else { return [] }
        if let array = value as? [Any] { return array.flatMap { types(in: $0, depth: depth + 1) } }
        guard let object = value as? [String: Any] else { return [] }
        var found: [String] = []
        if let type = object["@type"] as? String { found.append(type) }
        if let list = object["@type"] as? [Any] { found += list.compactMap { $0 as? String } }
        for (key, nested) in object where key != "@type" { found += types(in: nested, depth: depth + 1) }
        return found
    }

    /// `"@type": "X"` and `"@type": ["X", "Y"]` found by reading the text.
    private static func jsonTypesByText(_ text: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let range = rest.range(of: "\"@type\"") {
            rest = rest[range.upperBound...]
            let value = rest.drop { $0 == " " || $0 == ":" || $0 == "\n" || $0 == "\t" || $0 == "[" }
            guard value.first == "\"" else { continue }
            let name = value.dropFirst().prefix { $0 != "\"" }
            found.append(String(name.prefix(80)))
        }
        return found
    }

    // MARK: - Links

    /// The company's own pages on social networks (not "share this" buttons), absolute, unique,
    /// ten at most.
    static func socialLinks(_ links: [HTMLScan.Link]) -> [String] {
        var found: [String] = []
        var seen: Set<String> = []
        for link in links {
            guard socialNetwork(link.href) != nil else { continue }
            var value = link.href
            if value.hasPrefix("//") { value = "https:" + value }
            value = value.replacingOccurrences(of: " ", with: "%20")
            let key = value.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                .replacingOccurrences(of: "http://", with: "https://").replacingOccurrences(of: "://www.", with: "://")
            guard !seen.contains(key) else { continue }
            seen.insert(key)
            found.append(value)
            if found.count == 10 { break }
        }
        return found
    }

    /// "facebook", "instagram", "linkedin" (company pages only) or "x" for a link to a business's
    /// page there; nil for anything else, share and intent links included.
    static func socialNetwork(_ href: String) -> String? {
        guard let components = URLComponents(string: href.hasPrefix("//") ? "https:" + href : href),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            var host = components.host?.lowercased()
        else { return nil }
        for prefix in ["www.", "m.", "fr-fr.", "fr.", "mobile."] where host.hasPrefix(prefix) {
            host.removeFirst(prefix.count)
        }
        let path = components.path.lowercased()
        let segments = path.split(separator: "/").map(String.init)
        guard let first = segments.first else { return nil }
        let sharing: Set<String> = [
            "sharer", "sharer.php", "share", "share.php", "dialog", "plugins", "intent", "home", "tr", "login",
            "shareArticle".lowercased(), "hashtag", "search", "explore", "p", "watch",
        ]
        guard !sharing.contains(first) else { return nil }
        switch host {
        case "facebook.com", "fb.com", "fb.me": return "facebook"
        case "instagram.com": return "instagram"
        case "linkedin.com":
            return first == "company" && segments.count >= 2 ? "linkedin" : nil
        case "twitter.com", "x.com": return "x"
        default: return nil
        }
    }

    /// The link to the legal notice ("Mentions légales", `/mentions-legales`, `/legal`), preferring
    /// one that says "mentions".
    static func legalNoticeLink(_ links: [HTMLScan.Link]) -> String? {
        var fallback: String?
        for link in links {
            let href = link.href
            let lowered = href.lowercased()
            guard !lowered.hasPrefix("mailto:"), !lowered.hasPrefix("tel:"), !lowered.hasPrefix("javascript:"),
                !href.isEmpty
            else { continue }
            let words = fold(link.text + " " + (href.removingPercentEncoding ?? href))
            if words.contains("mentions legales") || words.contains("mentions-legales")
                || words.contains("mentions_legales") || words.contains("mentionslegales")
            {
                return href
            }
            if fallback == nil, words.contains("legal") { fallback = href }
        }
        return fallback
    }

    // MARK: - Parked pages

    /// Phrases that only a parked domain, a placeholder or a server's default page shows.
    static let parkedMarkers = [
        "domain is for sale", "domain may be for sale", "buy this domain", "ce domaine est a vendre",
        "ce nom de domaine est a vendre", "domaine a vendre", "sedoparking", "parkingcrew", "domain parking",
        "parking page", "page de parking",
        "parked domain", "this domain is parked", "domain name has been registered", "nom de domaine a ete reserve",
        "apache2 debian default page", "apache2 ubuntu default page", "test page for the apache http server",
        "welcome to nginx!", "iis windows server", "plesk default page", "web server's default page",
    ]

    /// Phrases that mean "no site yet" when they are most of what the page says (or its title): a
    /// real site may mention "coming soon" somewhere. A bare "parking" is not one: restaurants and
    /// shops announce theirs.
    static let placeholderMarkers = [
        "site en construction", "en cours de construction", "site en cours de creation", "coming soon",
        "under construction", "bientot en ligne", "bientot disponible", "it works!", "index of /",
        "page par defaut", "default web page", "nouveau site arrive", "site en preparation",
    ]

    /// The visible text a placeholder page stays under.
    static let placeholderTextLimit = 1_500
    /// A page saying less than this, with no application scripts to draw it, is empty.
    static let emptyTextLimit = 40

    static func isParked(_ scan: HTMLScan, bytes: Int) -> Bool {
        let text = fold(String(scan.text.prefix(20_000)))
        let title = fold(scan.title ?? "")
        if parkedMarkers.contains(where: { text.contains($0) || title.contains($0) }) { return true }
        let short = scan.text.count < placeholderTextLimit
        if placeholderMarkers.contains(where: { title.contains($0) || (short && text.contains($0)) }) { return true }
        return scan.text.count < emptyTextLimit && scan.externalScripts == 0
    }

    // MARK: - SIREN

    /// Whether the text carries this SIREN, written "812 345 678", "812345678", "812.345.678" or
    /// inside a SIRET or a VAT number.
    static func containsSiren(_ siren: Int, in text: String) -> Bool {
        let target = Array(String(format: "%09d", siren).unicodeScalars)
        var digits: [Unicode.Scalar] = []
        var afterSeparator = false
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.properties.numericType != nil {
                digits.append(scalar)
                afterSeparator = false
                if digits.count >= target.count, digits.suffix(target.count).elementsEqual(target) { return true }
            } else if sirenSeparators.contains(scalar), !afterSeparator {
                // One space, dot or no-break space joins the groups of a number.
                afterSeparator = true
            } else {
                digits.removeAll(keepingCapacity: true)
                afterSeparator = false
            }
        }
        return false
    }

    private static let sirenSeparators: Set<Unicode.Scalar> = [" ", ".", "\u{A0}", "\u{202F}"]

    /// Lowercase without accents, for matching French phrases written with or without them.
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .lowercased()
    }
}

/// Substring search in bytes, with memchr doing the scanning: pages are up to 2 MB and a dozen
/// markers are looked for.
enum ByteSearch {
    static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, haystack.count >= pattern.count else { return pattern.isEmpty }
        return haystack.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return false }
            var offset = 0
            let last = raw.count - pattern.count
            while offset <= last {
                guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
                let at = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + at, pattern, pattern.count) == 0 { return true }
                offset = at + 1
            }
            return false
        }
    }
}
