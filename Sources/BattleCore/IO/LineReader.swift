import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Lines from a file descriptor (the agent's stdin, an agent's stdout),
/// read on a thread of their own: each line is handed to `handle` with the
/// wall-clock time its read returned (the clock probes' receive time), then
/// `end` when the descriptor reaches its end or fails.
public enum LineReader {
    public static func start(
        fd: Int32, name: String, handle: @escaping @Sendable (Substring, Double) -> Void,
        end: @escaping @Sendable () -> Void
    ) {
        let thread = Thread {
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                let at = WallClock.seconds
                pending.append(contentsOf: buffer[0..<n])
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[..<newline], as: UTF8.self)
                    pending.removeSubrange(...newline)
                    handle(Substring(line), at)
                }
            }
            end()
        }
        thread.name = name
        thread.start()
    }
}
