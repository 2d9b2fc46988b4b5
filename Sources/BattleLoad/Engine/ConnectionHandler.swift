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
        flush()
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
        driver.connectionClosed(self)
    }

    // MARK: called by the driver

    /// Writes `request` without flushing; the read path or the caller flushes.
    @inline(__always)
    func write(_ request: ByteBuffer) {
        context!.write(wrapOutboundOut(request), promise: nil)
        needsFlush = true
    }

    @inline(__always)
    func flush() {
        if needsFlush {
            needsFlush = false
            context?.flush()
        }
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
