/// The answer of Overpass `POST /api/interpreter` with `[out:json]` and `out center tags`. A query
/// that ran out of time or memory still answers HTTP 200, with what it had in `elements` and the
/// reason in `remark`.
struct OverpassAnswer: Decodable {
    var elements: [LenientItem<OverpassElement>]?
    var remark: String?

    /// The server gave up on the query: its elements are not the whole answer.
    var isIncomplete: Bool {
        let text = (remark ?? "").lowercased()
        return text.contains("runtime error") || text.contains("timed out") || text.contains("out of memory")
    }
}

/// A node (with `lat`/`lon`), or a way or relation (with `center`).
struct OverpassElement: Decodable {
    var type: String?
    var id: FlexibleString?
    var lat: FlexibleNumber?
    var lon: FlexibleNumber?
    var center: Center?
    var tags: [String: JSONValue]?

    struct Center: Decodable {
        var lat: FlexibleNumber?
        var lon: FlexibleNumber?
    }

    var coordinates: (latitude: Double, longitude: Double)? {
        guard let latitude = lat?.value ?? center?.lat?.value, let longitude = lon?.value ?? center?.lon?.value
        else { return nil }
        return (latitude, longitude)
    }
}
