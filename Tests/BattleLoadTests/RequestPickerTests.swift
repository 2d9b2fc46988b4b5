import NIOCore
import Testing

@testable import BattleLoad

@Suite("Request picker and encoder")
struct RequestPickerTests {
    @Test("smooth weighted round robin interleaves instead of bunching")
    func smooth() {
        #expect(RequestPicker.smoothWeightedRoundRobin([3, 1]) == [0, 0, 1, 0])
        #expect(RequestPicker.smoothWeightedRoundRobin([5, 1, 1]) == [0, 0, 1, 0, 2, 0, 0])
        #expect(RequestPicker.smoothWeightedRoundRobin([1]) == [0])
    }

    @Test("weights are reduced by their common divisor")
    func reduced() {
        #expect(RequestPicker.smoothWeightedRoundRobin([300, 100]).count == 4)
    }

    @Test("shares follow the weights exactly over whole rounds")
    func shares() {
        let requests = (0..<3).map { i in [ByteBuffer(string: "r\(i)")] }
        var p = RequestPicker(weights: [2, 3, 5], requests: requests, offset: 7)
        var counts = [0, 0, 0]
        for _ in 0..<1000 { counts[p.next().target] += 1 }
        #expect(counts == [200, 300, 500])
    }

    @Test("bodies rotate per target")
    func rotation() {
        let requests = [[ByteBuffer(string: "a"), ByteBuffer(string: "b"), ByteBuffer(string: "c")], [ByteBuffer(string: "x")]]
        var p = RequestPicker(weights: [1, 1], requests: requests)
        let seen = (0..<8).map { _ in String(buffer: p.next().request) }
        #expect(seen == ["a", "x", "b", "x", "c", "x", "a", "x"])
    }

    @Test("requests are encoded with Host, headers and Content-Length")
    func encoding() throws {
        let url = try TargetURL.parse("http://127.0.0.1:8080/orders?x=1")
        let t = LoadTarget(url: url, method: "POST", headers: [.init(name: "Content-Type", value: "application/json")], bodies: [Array("{}".utf8)])
        let text = String(decoding: RequestEncoder.encode(t, body: t.bodies[0]), as: UTF8.self)
        #expect(text == "POST /orders?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
        let get = LoadTarget(url: url, headers: [.init(name: "host", value: "example.com")])
        #expect(String(decoding: RequestEncoder.encode(get, body: nil), as: UTF8.self) == "GET /orders?x=1 HTTP/1.1\r\nhost: example.com\r\n\r\n")
    }

    @Test("-H values are parsed and checked")
    func headers() throws {
        #expect(try LoadTarget.parseHeader("X-Id:  42 ") == .init(name: "X-Id", value: "42"))
        #expect(try LoadTarget.parseHeader("Authorization: Bearer a:b") == .init(name: "Authorization", value: "Bearer a:b"))
        #expect(throws: LoadTarget.HeaderFailure.self) { try LoadTarget.parseHeader("NoColon") }
        #expect(throws: LoadTarget.HeaderFailure.self) { try LoadTarget.parseHeader("Bad Name: x") }
        #expect(throws: LoadTarget.HeaderFailure.self) { try LoadTarget.parseHeader("Content-Length: 5") }
    }
}
