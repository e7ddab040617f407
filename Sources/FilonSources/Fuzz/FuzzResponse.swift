import FilonCore
import Foundation

/// A provider's body as `HTTPClient` hands it over (status 200), decoded with the call every
/// source and provider makes: `HTTPResponse.decode`, which refuses with `HTTPError.malformed`.
struct FuzzResponse {
    let target: FuzzTarget
    let provider: ProviderID
    let response: HTTPResponse

    init(_ target: FuzzTarget, _ provider: ProviderID, _ body: Data) {
        self.target = target
        self.provider = provider
        response = HTTPResponse(
            provider: provider.rawValue, status: 200, headers: ["content-type": "application/json"], body: body,
            url: URL(string: "https://fuzz.invalid/\(provider.rawValue)?siren=841253677")!)
    }

    /// The decoded answer, or nil with the refusal checked: it must be `.malformed`, for this
    /// provider, with a detail that says where (a field path, or "not JSON").
    func decode<T: Decodable>(_ type: T.Type) throws(FuzzViolation) -> Result<T, HTTPError> {
        do {
            return .success(try response.decode(type))
        } catch {
            guard case .malformed(let name, _, let detail) = error, name == provider.rawValue, !detail.isEmpty,
                error.description.hasPrefix(provider.rawValue + ": ")
            else { throw FuzzViolation(target, "decode refused with \(error)") }
            return .failure(error)
        }
    }

    /// An item a page skipped must say which field was wrong.
    func checkItem(_ failure: some CustomStringConvertible) throws(FuzzViolation) {
        guard !failure.description.isEmpty else { throw FuzzViolation(target, "an item failed without a reason") }
    }
}
