import NIOCore
import Testing

@testable import BattleLoad

/// A sink that remembers what it was told.
struct RecordingSink: ResponseSink {
    var responses: [(target: Int, status: Int, planned: UInt64, sent: UInt64, now: UInt64)] = []
    var failures: [(target: Int, kind: ErrorKind)] = []

    mutating func response(target: Int, status: Int, planned: UInt64, sent: UInt64, now: UInt64) {
        responses.append((target, status, planned, sent, now))
    }

    mutating func failure(target: Int, kind: ErrorKind, planned: UInt64) {
        failures.append((target, kind))
    }
}

private let ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"

@Suite("Connection state machine")
struct ConnectionMachineTests {
    @Test("no capacity before the connection opens; depth after")
    func capacity() {
        var m = ConnectionMachine(depth: 4)
        #expect(m.capacity == 0)
        m.connected()
        #expect(m.capacity == 4)
        m.sent(target: 0, bodyless: false, planned: 1, now: 1)
        #expect(m.capacity == 3)
        #expect(m.inFlight == 1)
    }

    @Test("pipelined responses come back in order with their own timings")
    func pipelinedInOrder() {
        var m = ConnectionMachine(depth: 3)
        var sink = RecordingSink()
        m.connected()
        m.sent(target: 0, bodyless: false, planned: 100, now: 110)
        m.sent(target: 1, bodyless: false, planned: 200, now: 210)
        m.sent(target: 2, bodyless: false, planned: 300, now: 310)
        var two = ByteBuffer(string: ok + "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
        #expect(m.read(&two, now: 1000, into: &sink) == .proceed)
        #expect(sink.responses.map(\.target) == [0, 1])
        #expect(sink.responses.map(\.status) == [200, 404])
        #expect(sink.responses.map(\.planned) == [100, 200])
        #expect(sink.responses.map(\.sent) == [110, 210])
        #expect(m.capacity == 2)
        var third = ByteBuffer(string: ok)
        #expect(m.read(&third, now: 2000, into: &sink) == .proceed)
        #expect(sink.responses.last?.target == 2)
        #expect(m.inFlight == 0)
    }

    @Test("the ring wraps around many times")
    func wraps() {
        var m = ConnectionMachine(depth: 2)
        var sink = RecordingSink()
        m.connected()
        for i in 0..<10 {
            m.sent(target: i % 3, bodyless: false, planned: UInt64(i), now: UInt64(i))
            m.sent(target: (i + 1) % 3, bodyless: false, planned: UInt64(i), now: UInt64(i))
            var b = ByteBuffer(string: ok + ok)
            #expect(m.read(&b, now: 99, into: &sink) == .proceed)
        }
        #expect(sink.responses.count == 20)
        #expect(sink.responses.map(\.target) == (0..<10).flatMap { [$0 % 3, ($0 + 1) % 3] })
    }

    @Test("Connection: close answers one request; the rest in flight fail as read errors")
    func connectionClose() {
        var m = ConnectionMachine(depth: 3)
        var sink = RecordingSink()
        m.connected()
        for t in 0..<3 { m.sent(target: t, bodyless: false, planned: 0, now: 0) }
        var b = ByteBuffer(string: "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
        #expect(m.read(&b, now: 5, into: &sink) == .close)
        #expect(sink.responses.count == 1)
        #expect(sink.failures.map(\.kind) == [.read, .read])
        #expect(sink.failures.map(\.target) == [1, 2])
        #expect(m.capacity == 0)
    }

    @Test("a 101 answers one request and ends the connection like Connection: close")
    func switchingProtocols() {
        var m = ConnectionMachine(depth: 2)
        var sink = RecordingSink()
        m.connected()
        for t in 0..<2 { m.sent(target: t, bodyless: false, planned: 0, now: 0) }
        var b = ByteBuffer(
            string: "HTTP/1.1 101 Switching Protocols\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        #expect(m.read(&b, now: 5, into: &sink) == .close)
        #expect(sink.responses.map(\.status) == [101])
        #expect(sink.failures.map(\.kind) == [.read])
    }

    @Test("garbage fails every request in flight as malformed")
    func garbage() {
        var m = ConnectionMachine(depth: 2)
        var sink = RecordingSink()
        m.connected()
        m.sent(target: 0, bodyless: false, planned: 0, now: 0)
        m.sent(target: 0, bodyless: false, planned: 0, now: 0)
        var b = ByteBuffer(string: "SSH-2.0-OpenSSH\r\n")
        #expect(m.read(&b, now: 5, into: &sink) == .fail(.notHTTP))
        #expect(sink.failures.count == 2)
        #expect(sink.failures.allSatisfy { $0.kind == .malformed })
    }

    @Test("bytes nobody asked for are malformed")
    func unsolicited() {
        var m = ConnectionMachine(depth: 1)
        var sink = RecordingSink()
        m.connected()
        var b = ByteBuffer(string: ok)
        #expect(m.read(&b, now: 5, into: &sink) == .fail(.unsolicited))
    }

    @Test("a close mid-response fails the request; a close-delimited body completes it")
    func closes() {
        var m = ConnectionMachine(depth: 1)
        var sink = RecordingSink()
        m.connected()
        m.sent(target: 0, bodyless: false, planned: 0, now: 0)
        var half = ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Le")
        _ = m.read(&half, now: 1, into: &sink)
        m.closed(now: 2, into: &sink)
        #expect(sink.failures.map(\.kind) == [.read])
        #expect(m.state == .closed)

        var n = ConnectionMachine(depth: 1)
        var sink2 = RecordingSink()
        n.connected()
        n.sent(target: 0, bodyless: false, planned: 0, now: 0)
        var b = ByteBuffer(string: "HTTP/1.0 200 OK\r\n\r\nbody until the end")
        #expect(n.read(&b, now: 1, into: &sink2) == .proceed)
        n.closed(now: 3, into: &sink2)
        #expect(sink2.responses.map(\.now) == [3])
        #expect(sink2.failures.isEmpty)
    }

    @Test("a HEAD response with Content-Length carries no body")
    func head() {
        var m = ConnectionMachine(depth: 2)
        var sink = RecordingSink()
        m.connected()
        m.sent(target: 0, bodyless: true, planned: 0, now: 0)
        m.sent(target: 0, bodyless: false, planned: 0, now: 0)
        var b = ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n" + ok)
        #expect(m.read(&b, now: 1, into: &sink) == .proceed)
        #expect(sink.responses.count == 2)
    }

    @Test("timeouts fire only past the limit, for every request in flight")
    func timeouts() {
        var m = ConnectionMachine(depth: 2)
        var sink = RecordingSink()
        m.connected()
        m.sent(target: 0, bodyless: false, planned: 0, now: 1_000)
        m.sent(target: 1, bodyless: false, planned: 0, now: 2_000)
        #expect(!m.checkTimeout(now: 1_500, timeout: 1_000, into: &sink))
        #expect(m.checkTimeout(now: 2_001, timeout: 1_000, into: &sink))
        #expect(sink.failures.map(\.kind) == [.timeout, .timeout])
        #expect(m.capacity == 0)
    }
}

@Suite("Connection state machine: send times")
struct ConnectionMachineRestampTests {
    @Test("restamping touches only the newest, unflushed requests, across the ring's end")
    func restamp() {
        var m = ConnectionMachine(depth: 3)
        var sink = RecordingSink()
        m.connected()
        m.sent(target: 0, bodyless: false, planned: 10, now: 10)
        m.sent(target: 1, bodyless: false, planned: 20, now: 20)
        var one = ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        _ = m.read(&one, now: 30, into: &sink)  // answers target 0; head moves to slot 1
        m.sent(target: 2, bodyless: false, planned: 40, now: 40)  // slot 2
        m.sent(target: 3, bodyless: false, planned: 50, now: 50)  // slot 0: wrapped
        m.restampNewest(2, sent: 99, closedLoop: true)
        var three = ByteBuffer(string: String(repeating: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", count: 3))
        _ = m.read(&three, now: 100, into: &sink)
        #expect(sink.responses.map(\.target) == [0, 1, 2, 3])
        #expect(sink.responses.map(\.sent) == [10, 20, 99, 99])
        #expect(sink.responses.map(\.planned) == [10, 20, 99, 99])

        var open = ConnectionMachine(depth: 2)
        open.connected()
        open.sent(target: 0, bodyless: false, planned: 5, now: 7)
        open.restampNewest(5, sent: 9, closedLoop: false)  // more than in flight: clamped
        var r = ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        var sink2 = RecordingSink()
        _ = open.read(&r, now: 12, into: &sink2)
        #expect(sink2.responses.first?.planned == 5)
        #expect(sink2.responses.first?.sent == 9)
    }

    @Test("a closed-loop request written before the window opens stays before it when flushed after")
    func restampAtTheWindowStart() {
        var m = ConnectionMachine(depth: 3)
        var sink = RecordingSink()
        m.connected()
        m.sent(target: 0, bodyless: false, planned: 90, now: 90)  // written in the warm-up
        m.restampNewest(1, sent: 105, closedLoop: true, windowStart: 100)  // flushed in the window
        m.sent(target: 1, bodyless: false, planned: 95, now: 95)
        m.restampNewest(1, sent: 97, closedLoop: true, windowStart: 100)  // flushed before it: as before
        m.sent(target: 2, bodyless: false, planned: 101, now: 101)  // written in the window
        m.restampNewest(1, sent: 103, closedLoop: true, windowStart: 100)
        var three = ByteBuffer(string: String(repeating: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", count: 3))
        _ = m.read(&three, now: 110, into: &sink)
        #expect(sink.responses.map(\.planned) == [99, 97, 103])
        #expect(sink.responses.map(\.sent) == [105, 97, 103])
    }
}
