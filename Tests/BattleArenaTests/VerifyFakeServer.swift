import BattleSuite
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A response the fake server sends.
struct FakeResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    /// A response with `Server`, a current `Date` and `Content-Type`; `stripped` changes what a stripped server gets wrong.
    static func ok(_ body: String, type: String, status: Int = 200, stripped: Stripped = []) -> FakeResponse {
        var headers: [(String, String)] = []
        if !stripped.contains(.noServer) { headers.append(("Server", "fake")) }
        let date =
            stripped.contains(.fixedDate) ? FakeServer.startDate : HTTPDate.format(Int(Date().timeIntervalSince1970))
        headers.append(("Date", date))
        headers.append(("Content-Type", type))
        return FakeResponse(status: status, headers: headers, body: Array(body.utf8))
    }
}

/// What a stripped fake gets wrong.
struct Stripped: OptionSet, Sendable {
    let rawValue: Int
    static let noServer = Stripped(rawValue: 1)
    static let fixedDate = Stripped(rawValue: 2)
}

typealias FakeResponder = @Sendable (_ method: String, _ uri: String, _ body: [UInt8]) -> FakeResponse

/// An in-process HTTP/1.1 server on NIO (keep-alive and pipelining by
/// NIOHTTP1's server pipeline) answering with a responder, for verifier tests.
enum FakeServer {
    static let startDate = HTTPDate.format(Int(Date().timeIntervalSince1970) - 60)

    static func with<T>(_ responder: @escaping FakeResponder, _ body: (Int) async throws -> T) async throws -> T {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(FakeHandler(responder: responder))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress!.port!
        do {
            let result = try await body(port)
            try? await channel.close()
            try? await group.shutdownGracefully()
            return result
        } catch {
            try? await channel.close()
            try? await group.shutdownGracefully()
            throw error
        }
    }
}

final class FakeHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let responder: FakeResponder
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(responder: @escaping FakeResponder) { self.responder = responder }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            let r = responder(head.method.rawValue, head.uri, body)
            var headers = HTTPHeaders(r.headers)
            headers.add(name: "Content-Length", value: String(r.body.count))
            let responseHead = HTTPResponseHead(
                version: head.version, status: HTTPResponseStatus(statusCode: r.status), headers: headers)
            context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: r.body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
