import Foundation

/// Standard output and standard error, written unbuffered with errors
/// reported rather than trapped: `battle run ... | head -1` closes the pipe
/// early, and `2>FILE` on a full disk fails every write.
public enum StandardStream: Sendable {
    case output
    case error

    public var fileDescriptor: Int32 {
        switch self {
        case .output: STDOUT_FILENO
        case .error: STDERR_FILENO
        }
    }

    public var name: String {
        switch self {
        case .output: "standard output"
        case .error: "standard error"
        }
    }

    /// Writes `text`; nil when it was all written, else why not
    /// (`standard output: Broken pipe`).
    @discardableResult public func write(_ text: String) -> String? {
        write(Data(text.utf8))
    }

    /// Writes `data`; nil when it was all written, else why not.
    @discardableResult public func write(_ data: Data) -> String? {
        guard let code = FileWriting.writeAll(fileDescriptor, data) else { return nil }
        return "\(name): \(String(cString: strerror(code)))"
    }

    /// A write to a closed pipe fails with EPIPE instead of killing battle
    /// with SIGPIPE, so the run still stops its children and keeps its
    /// results. Children get the default back (ChildProcess resets every
    /// signal's disposition).
    public static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
    }
}
