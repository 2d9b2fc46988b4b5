import Foundation

/// A value behind a lock, for the little mutable state shared across tasks
/// and the signal handler (a child's termination, the interrupt flag).
public final class LockedBox<Value: Sendable>: @unchecked Sendable {
    // Safe: `value` is only touched while `lock` is held.
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    public var current: Value { withLock { $0 } }
}
