import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How a child ended, with the CPU it used (from `wait4`).
public struct Termination: Sendable, Equatable {
    /// Exit status when it exited normally.
    public var status: Int32?
    /// The signal that killed it.
    public var signal: Int32?
    public var userSeconds: Double
    public var systemSeconds: Double

    public var succeeded: Bool { status == 0 }

    /// `exit status 3`, `killed by signal 9 (SIGKILL)`.
    public var description: String {
        if let status { return "exit status \(status)" }
        if let signal { return "killed by signal \(signal)\(Self.signalName(signal).map { " (\($0))" } ?? "")" }
        return "ended"
    }

    static func signalName(_ s: Int32) -> String? {
        switch s {
        case SIGKILL: "SIGKILL"
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGSEGV: "SIGSEGV"
        case SIGABRT: "SIGABRT"
        case SIGBUS: "SIGBUS"
        case SIGILL: "SIGILL"
        case SIGPIPE: "SIGPIPE"
        default: nil
        }
    }
}
