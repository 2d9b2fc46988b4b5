import NIOCore
import NIOPosix

/// The only handler in a load connection's pipeline. It performs what the
/// `ConnectionMachine` decides and asks its `LoopDriver` what to send; all
/// on one event loop, with no locks. Writes made while reading are flushed
/// once, in `channelReadComplete`.
final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let driver: LoopDriver
    let id: Int
    // Hot-path state is touched only from this handler's event loop and never
    // in overlapping accesses, so Swift's dynamic exclusivity checks (a
    // runtime call per access to a class property) are skipped for it.
    @exclusivity(unchecked) var machine: ConnectionMachine
    private(set) var context: ChannelHandlerContext?
    /// In the driver's queue of connections with free capacity (open loop).
    var queued = false
    /// Connect attempts that failed in a row (for the retry delay).
    var connectFailures = 0
    @exclusivity(unchecked) private var needsFlush = false
    /// Requests written since the last flush.
    @exclusivity(unchecked) private var unflushed = 0
    /// How requests in flight fail if the connection goes away now.
    private var closeKind = ErrorKind.read

    init(driver: LoopDriver, id: Int, depth: Int) {
        self.driver = driver
        self.id = id
        self.machine = ConnectionMachine(depth: depth)
    }

    var isOpen: Bool { machine.state == .open }

    // MARK: channel events

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if self.context === context { self.context = nil }
    }

    func channelActive(context: ChannelHandlerContext) {
        machine.connected()
        closeKind = .read
        connectFailures = 0
        driver.connectionOpened(self)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        let now = MonotonicClock.nanoseconds()
        let before = machine.inFlight
        driver.stats.read(bytes: buffer.readableBytes, now: now)
        let action = machine.read(&buffer, now: now, into: &driver.stats)
        driver.answered(before - machine.inFlight, now: now)
        switch action {
        case .proceed:
            driver.refill(self, now: now)
        case .close:
            context.close(promise: nil)
        case .fail:
            context.close(promise: nil)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if needsFlush { driver.flushLater(self) }
        driver.readComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let io = error as? IOError, io.errnoCode == EPIPE { closeKind = .write }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        let before = machine.inFlight
        machine.closed(now: MonotonicClock.nanoseconds(), kind: closeKind, into: &driver.stats)
        driver.answered(before - machine.inFlight, now: nil)
        needsFlush = false
        unflushed = 0
        driver.connectionClosed(self)
    }

    // MARK: called by the driver

    /// Writes `requests` (the bytes of `count` requests) without flushing;
    /// `flush` sends them.
    @inline(__always)
    func write(_ requests: ByteBuffer, count: Int = 1) {
        context!.write(wrapOutboundOut(requests), promise: nil)
        needsFlush = true
        unflushed &+= count
    }

    /// Sends what was written. Requests written earlier in this loop tick
    /// are stamped as sent `now` (and, in closed loop, planned now), so a
    /// flush deferred to the end of the tick adds nothing to their latency.
    @inline(__always)
    func flush(now: UInt64? = nil) {
        guard needsFlush else { return }
        needsFlush = false
        if unflushed > 0 {
            machine.restampNewest(unflushed, sent: now ?? MonotonicClock.nanoseconds(), closedLoop: driver.isClosedLoop)
            unflushed = 0
        }
        context?.flush()
    }

    /// Fails what is in flight as timeouts and closes; the driver reconnects.
    func timeOut(now: UInt64, after timeout: UInt64) {
        let before = machine.inFlight
        if machine.checkTimeout(now: now, timeout: timeout, into: &driver.stats) {
            driver.answered(before - machine.inFlight, now: nil)
            context?.close(promise: nil)
        }
    }

    /// Closes at the end of the run.
    func shutDown() {
        machine.closing()
        context?.close(promise: nil)
    }
}
