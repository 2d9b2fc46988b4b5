import BattleCore
import Foundation
import BattleLoad
import NIOCore
import NIOPosix

/// A loopback HTTP/1.1 server for the engine's tests: it counts and keeps
/// what it received and misbehaves on request. Its state lives on its one
/// event loop; tests read it with `received()`.
final class TestServer: Sendable {
    enum Behaviour: Sendable {
        /// 200 with body "ok".
        case ok
        /// 200 with a chunked body.
        case chunked
        /// `Connection: close` on every n-th response of a connection, then close.
        case closeEvery(Int)
        /// Bytes that are not HTTP.
        case garbage
        /// A TCP reset instead of an answer.
        case reset
        /// Read the request, never answer.
        case silent
        /// Close (FIN) instead of answering.
        case earlyClose
        /// Answer after a delay.
        case slow(milliseconds: Int64)
        /// Hold every answer due in a stall until the stall ends: stalls last
        /// `stall` ms and start every `period` ms, the first at `offset` ms
        /// after the first request arrived.
        case stall(period: Int64, stall: Int64, offset: Int64)
        /// This status, body "x".
        case status(Int)
        /// 200 with a body of this many bytes (many reads for the client).
        case large(bytes: Int)
    }

    struct Request: Sendable, Equatable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: String
    }

    struct Received: Sendable {
        var requests: [Request] = []
        var connections = 0
        /// Most requests that arrived in one read: above 1 means pipelining.
        var mostPerRead = 0
    }

    let group: MultiThreadedEventLoopGroup
    let channel: any Channel
    let port: Int
    private let log: NIOLoopBound<Log>

    final class Log {
        var received = Received()
        var firstRequestAt: UInt64?
    }

    private init(group: MultiThreadedEventLoopGroup, channel: any Channel, log: NIOLoopBound<Log>) {
        self.group = group
        self.channel = channel
        self.port = channel.localAddress!.port!
        self.log = log
    }

    static func start(_ behaviour: Behaviour) async throws -> TestServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let log = try await loop.submit { NIOLoopBound(Log(), eventLoop: loop) }.get()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ServerHandler(behaviour: behaviour, log: log.value))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return TestServer(group: group, channel: channel, log: log)
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func received() async throws -> Received {
        let log = self.log
        return try await channel.eventLoop.submit { log.value.received }.get()
    }

    func stop() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
    }

    /// Runs `body` with a server, stopping it afterwards.
    static func with<T>(_ behaviour: Behaviour, _ body: (TestServer) async throws -> T) async throws -> T {
        let server = try await start(behaviour)
        do {
            let r = try await body(server)
            await server.stop()
            return r
        } catch {
            await server.stop()
            throw error
        }
    }
}

private final class ServerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let behaviour: TestServer.Behaviour
    let log: TestServer.Log
    var pending = ByteBuffer()
    var answered = 0
    /// When the previous answer goes out; answers leave in order.
    var lastAnswerAt: UInt64 = 0

    init(behaviour: TestServer.Behaviour, log: TestServer.Log) {
        self.behaviour = behaviour
        self.log = log
    }

    func channelActive(context: ChannelHandlerContext) {
        log.received.connections += 1
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        pending.writeBuffer(&incoming)
        var inThisRead = 0
        while let request = takeRequest() {
            inThisRead += 1
            log.received.requests.append(request)
            respond(context: context)
        }
        log.received.mostPerRead = max(log.received.mostPerRead, inThisRead)
    }

    /// One request from `pending` if it is complete (head + Content-Length body).
    private func takeRequest() -> TestServer.Request? {
        let text = pending.getString(at: pending.readerIndex, length: pending.readableBytes) ?? ""
        guard let headEnd = text.range(of: "\r\n\r\n") else { return nil }
        let lines = text[..<headEnd.lowerBound].components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        let headBytes = text.utf8.distance(from: text.utf8.startIndex, to: headEnd.upperBound.samePosition(in: text.utf8)!)
        guard pending.readableBytes >= headBytes + length else { return nil }
        pending.moveReaderIndex(forwardBy: headBytes)
        let body = pending.readString(length: length) ?? ""
        pending.discardReadBytes()
        return TestServer.Request(
            method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: body)
    }

    private func respond(context: ChannelHandlerContext) {
        answered += 1
        let ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"
        switch behaviour {
        case .ok:
            send(context, ok)
        case .chunked:
            send(context, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n")
        case .closeEvery(let n):
            if answered % n == 0 {
                send(context, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")
                context.close(promise: nil)
            } else {
                send(context, ok)
            }
        case .garbage:
            send(context, "this is not http\r\n\r\n")
        case .reset:
            // SO_LINGER 0: close sends RST, not FIN.
            if let provider = context.channel as? any SocketOptionProvider {
                _ = provider.setSoLinger(linger(l_onoff: 1, l_linger: 0))
            }
            context.close(promise: nil)
        case .silent:
            break
        case .earlyClose:
            context.close(promise: nil)
        case .slow(let ms):
            later(context, nanos: UInt64(ms) * 1_000_000, ok)
        case .stall(let period, let stall, let offset):
            // In a stall, the answer leaves when the stall ends; answers stay in order.
            let now = MonotonicClock.nanoseconds()
            let started = log.firstRequestAt ?? now
            log.firstRequestAt = started
            let t = Int64((now - started) / 1_000_000) - offset
            var at = now
            if t >= 0 && t % period < stall { at = now + UInt64(stall - t % period) * 1_000_000 }
            at = max(at, lastAnswerAt)
            lastAnswerAt = at
            later(context, nanos: at - now, ok)
        case .status(let code):
            send(context, "HTTP/1.1 \(code) Whatever\r\nContent-Length: 1\r\n\r\nx")
        case .large(let bytes):
            var buffer = ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Length: \(bytes)\r\n\r\n")
            buffer.writeRepeatingByte(UInt8(ascii: "z"), count: bytes)
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        }
    }

    private func send(_ context: ChannelHandlerContext, _ text: String) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text)), promise: nil)
    }

    private func later(_ context: ChannelHandlerContext, nanos: UInt64, _ text: String) {
        if nanos == 0 { return send(context, text) }
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: .nanoseconds(Int64(nanos))) {
            handler.value.send(bound.value, text)
        }
    }
}
