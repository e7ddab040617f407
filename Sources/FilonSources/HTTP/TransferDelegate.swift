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
