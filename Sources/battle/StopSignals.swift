import Dispatch
import Foundation

/// SIGINT and SIGTERM, heard one way by every command: their default action is
/// ignored and each delivery runs `handler` (with the signal's number) on a
/// global queue. The handlers run until `cancel()`.
final class StopSignals {
    private let sources: [any DispatchSourceSignal]

    init(_ handler: @escaping @Sendable (Int32) -> Void) {
        sources = [SIGINT, SIGTERM].map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { handler(sig) }
            source.resume()
            return source
        }
    }

    func cancel() {
        for s in sources { s.cancel() }
    }
}
