import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One task's transfer as a session delegate feeds it: the head, the body in pieces, the end.
protocol StreamingTransfer: AnyObject {
    /// False cancels the task (a status or a size the transfer refuses).
    func receive(_ response: URLResponse) -> Bool
    func receive(_ data: Data) -> Bool
    func complete(_ error: (any Error)?)
    /// The request to follow a redirect with, or nil to stop there.
    func redirect(to request: URLRequest) -> URLRequest?
}

extension StreamingTransfer {
    func redirect(to request: URLRequest) -> URLRequest? { request }
}

/// Routes a session's callbacks to the transfer of each task: the HTTP client's and the website
/// audit's sessions differ only in what their transfers do.
final class TransferDelegate<Transfer: StreamingTransfer>: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let transfers = TaskRegistry<Transfer>()

    /// A session without cache or cookies whose callbacks come here, one at a time. The session
    /// holds its delegate until invalidated: its owner calls `invalidateAndCancel` when done.
    func makeSession(name: String, requestTimeout: Double? = nil) -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        if let requestTimeout {
            // swift-corelibs-foundation truncates this to whole seconds (0.5 would time out at
            // once), and treats it as an idle timeout: it restarts whenever bytes arrive, so big
            // downloads are fine.
            configuration.timeoutIntervalForRequest = max(1, requestTimeout.rounded(.up))
        }
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        queue.name = name
        return URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
    }

    func register(_ transfer: Transfer, for task: URLSessionTask) { transfers.register(transfer, for: task) }

    func unregister(_ task: URLSessionTask) { transfers.remove(task) }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(transfers.value(for: task)?.redirect(to: request))
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let proceed = transfers.value(for: dataTask)?.receive(response) ?? false
        completionHandler(proceed ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        if transfers.value(for: dataTask)?.receive(data) == false { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        transfers.remove(task)?.complete(error)
    }
}
