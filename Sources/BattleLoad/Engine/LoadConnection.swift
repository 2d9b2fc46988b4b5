import NIOCore

/// One load connection slot: its socket, its protocol state and the bytes
/// written but not yet sent. The slot outlives its sockets: a reconnect
/// opens a new descriptor in the same slot, with a new generation so that
/// stale readiness events for the old one are ignored. Touched only on its
/// loop's thread.
final class LoadConnection {
    let id: Int
    /// The socket, or -1 between sockets.
    private(set) var fd: Int32 = -1
    /// Bumped with every socket; part of the epoll token.
    private(set) var generation: UInt32 = 0
    // Hot-path state is touched only from the loop's thread and never in
    // overlapping accesses, so Swift's dynamic exclusivity checks (a
    // runtime call per access to a class property) are skipped for it.
    @exclusivity(unchecked) var machine: ConnectionMachine
    /// Requests written and not yet sent (or partly sent).
    @exclusivity(unchecked) var output = ByteBuffer()
    /// Requests written since the last flush.
    @exclusivity(unchecked) var unflushed = 0
    /// In the driver's flush queue for this tick.
    @exclusivity(unchecked) var flushQueued = false
    /// Registered for writability: the socket took only part of a send.
    var awaitsWritable = false
    /// In the driver's queue of connections with free capacity (open loop).
    var queued = false
    /// Connect attempts that failed in a row (for the retry delay).
    var connectFailures = 0
    /// When the connect under way gives up (MonotonicClock nanoseconds).
    var connectDeadline: UInt64 = 0

    init(id: Int, depth: Int) {
        self.id = id
        self.machine = ConnectionMachine(depth: depth)
    }

    var isOpen: Bool { machine.state == .open }

    /// The epoll token of the current socket.
    var token: UInt64 { Self.token(id: id, generation: generation) }

    static func token(id: Int, generation: UInt32) -> UInt64 {
        UInt64(UInt32(truncatingIfNeeded: id)) | UInt64(generation) << 32
    }

    /// Takes `fd` as this slot's socket, connecting.
    func attach(_ fd: Int32) {
        self.fd = fd
        generation &+= 1
        machine = ConnectionMachine(depth: machine.depth)
        output.clear()
        unflushed = 0
        awaitsWritable = false
    }

    /// Closes the socket; the slot waits for the next one.
    func detach() {
        guard fd >= 0 else { return }
        TCPSocket.close(fd)
        fd = -1
        generation &+= 1
        output.clear()
        unflushed = 0
        awaitsWritable = false
    }
}
