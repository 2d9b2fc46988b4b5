import BattleCore
import Foundation
import Testing

@testable import BattleLoad

/// The engine against in-process loopback servers that count what they got.
@Suite("Load engine against loopback servers", .serialized)
struct LoadEngineTests {
    func config(
        _ server: TestServer, path: String = "/", connections: Int = 4, pipeline: Int = 1, duration: Double? = nil,
        requests: Int? = nil, timeout: Double = 5, rate: Double? = nil, warmup: Double = 0, targets: [LoadTarget]? = nil
    ) throws -> LoadConfiguration {
        LoadConfiguration(
            targets: try targets ?? [LoadTarget(url: TargetURL.parse(server.url + path))], connections: connections,
            threads: 1, pipeline: pipeline, duration: duration, requestLimit: requests, warmup: warmup,
            timeout: timeout,
            rate: rate)
    }

    @Test("-n sends exactly that many requests, and every one is answered")
    func exactCount() async throws {
        try await TestServer.with(.ok) { server in
            let r = try await LoadEngine(config(server, connections: 8, requests: 500)).run()
            let got = try await server.received()
            #expect(got.requests.count == 500)
            #expect(r.summary.requests == 500)
            #expect(r.summary.statusCodes == ["200": 500])
            #expect(r.summary.errors.total == 0)
            #expect(r.summary.latency.count == 500)
            #expect(
                r.summary.bytesRead == 500
                    * "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok".utf8.count)
            #expect(got.connections == 8 + 1)  // the reachability check opens one more
        }
    }

    @Test("several threads share the count and the connections")
    func threads() async throws {
        try await TestServer.with(.ok) { server in
            var c = try config(server, connections: 6, requests: 301)
            c.threads = 3
            let r = try await LoadEngine(c).run()
            #expect(try await server.received().requests.count == 301)
            #expect(r.summary.requests == 301)
            #expect(r.summary.config.threads == 3)
        }
    }

    @Test("methods, headers, weights and rotating bodies arrive as asked")
    func targetsArrive() async throws {
        try await TestServer.with(.ok) { server in
            let base = try TargetURL.parse(server.url + "/orders")
            let orders = LoadTarget(
                name: "orders", url: base, method: "POST",
                headers: [.init(name: "Content-Type", value: "application/json"), .init(name: "X-Test", value: "1")],
                bodies: [Array("{\"n\":1}".utf8), Array("{\"n\":2}".utf8)], weight: 3)
            let plain = LoadTarget(url: try TargetURL.parse(server.url + "/plaintext"))
            let r = try await LoadEngine(config(server, connections: 2, requests: 400, targets: [orders, plain])).run()
            let got = try await server.received().requests
            let posts = got.filter { $0.method == "POST" }
            #expect(posts.count == 300)
            #expect(got.filter { $0.method == "GET" && $0.path == "/plaintext" }.count == 100)
            #expect(
                posts.allSatisfy {
                    $0.path == "/orders" && $0.headers["content-type"] == "application/json"
                        && $0.headers["x-test"] == "1"
                })
            #expect(posts.filter { $0.body == "{\"n\":1}" }.count == 150)
            #expect(posts.filter { $0.body == "{\"n\":2}" }.count == 150)
            #expect(got.allSatisfy { $0.headers["host"] == "127.0.0.1:\(server.port)" })
            #expect(r.summary.endpoints.map(\.name) == ["orders", "GET /plaintext"])
            #expect(r.summary.endpoints.map(\.requests) == [300, 100])
            #expect(r.summary.endpoints[0].latency.count == 300)
        }
    }

    @Test("pipelining keeps several requests in flight on one connection")
    func pipelining() async throws {
        try await TestServer.with(.ok) { server in
            let r = try await LoadEngine(config(server, connections: 2, pipeline: 16, requests: 640)).run()
            let got = try await server.received()
            #expect(got.requests.count == 640)
            #expect(got.mostPerRead > 1)
            #expect(r.summary.requests == 640)
            #expect(r.summary.errors.total == 0)
        }
    }

    @Test("chunked responses are read to their end")
    func chunked() async throws {
        try await TestServer.with(.chunked) { server in
            let r = try await LoadEngine(config(server, pipeline: 4, requests: 200)).run()
            #expect(r.summary.requests == 200)
            #expect(r.summary.errors.total == 0)
        }
    }

    @Test("Connection: close is followed by a reconnect, counted, and no error")
    func connectionClose() async throws {
        try await TestServer.with(.closeEvery(10)) { server in
            let r = try await LoadEngine(config(server, connections: 2, requests: 200)).run()
            #expect(r.summary.requests == 200)
            #expect(r.summary.errors.total == 0)
            #expect(r.summary.reconnects >= 18)
            #expect(try await server.received().connections >= 20)
        }
    }

    @Test("large bodies span many reads on several connections and every response is counted once")
    func largeBodies() async throws {
        try await TestServer.with(.large(bytes: 300_000)) { server in
            let r = try await LoadEngine(config(server, connections: 3, requests: 60)).run()
            #expect(r.summary.requests == 60)
            #expect(r.summary.statusCodes == ["200": 60])
            #expect(r.summary.errors.total == 0)
            let head = "HTTP/1.1 200 OK\r\nContent-Length: 300000\r\n\r\n".utf8.count
            #expect(r.summary.bytesRead == 60 * (head + 300_000))
        }
    }

    @Test("statuses are counted by code")
    func statuses() async throws {
        try await TestServer.with(.status(503)) { server in
            let r = try await LoadEngine(config(server, requests: 50)).run()
            #expect(r.summary.statusCodes == ["503": 50])
            #expect(r.summary.successes == 0)
        }
    }

    @Test("garbage is counted as malformed, and the run goes on")
    func garbage() async throws {
        try await TestServer.with(.garbage) { server in
            let r = try await LoadEngine(config(server, connections: 2, duration: 0.5)).run()
            #expect(r.summary.requests == 0)
            #expect(r.summary.errors.malformed > 10)
            #expect(r.summary.reconnects > 10)
        }
    }

    @Test("resets and early closes are read errors")
    func resets() async throws {
        for behaviour in [TestServer.Behaviour.reset, .earlyClose] {
            try await TestServer.with(behaviour) { server in
                let r = try await LoadEngine(config(server, connections: 2, duration: 0.5)).run()
                #expect(r.summary.requests == 0)
                #expect(r.summary.errors.read > 10, "\(behaviour)")
                #expect(r.summary.errors.malformed == 0)
            }
        }
    }

    @Test("a server that never answers gives timeouts")
    func silent() async throws {
        try await TestServer.with(.silent) { server in
            let r = try await LoadEngine(config(server, connections: 3, duration: 1.0, timeout: 0.2)).run()
            #expect(r.summary.requests == 0)
            #expect(r.summary.errors.timeout >= 6)
            #expect(r.summary.errors.timeout <= 15)
        }
    }

    @Test("slow responses show in the latency")
    func slow() async throws {
        try await TestServer.with(.slow(milliseconds: 50)) { server in
            let r = try await LoadEngine(config(server, connections: 4, duration: 1.0)).run()
            let p50 = try #require(r.summary.latency.p50)
            #expect(p50 >= 50_000 && p50 < 80_000)
            // Closed loop: 4 connections, one request per 50 ms each.
            #expect(r.summary.requestsPerSecond > 50 && r.summary.requestsPerSecond <= 81)
        }
    }

    @Test("warmup load is sent but not counted")
    func warmup() async throws {
        try await TestServer.with(.ok) { server in
            let r = try await LoadEngine(config(server, connections: 2, requests: 100, warmup: 0.3)).run()
            // A request written in the warm-up and flushed after the window
            // opened once made this 101 (ConnectionMachine.restampNewest).
            #expect(r.summary.requests == 100)
            #expect(try await server.received().requests.count > 100)
            #expect(r.summary.config.warmupSeconds == 0.3)
        }
    }

    @Test("open loop sends at the rate asked, on schedule")
    func openLoopRate() async throws {
        try await TestServer.with(.ok) { server in
            let r = try await LoadEngine(config(server, connections: 4, duration: 1.0, rate: 400)).run()
            let s = try #require(r.summary.schedule)
            #expect(abs(s.planned - 400) <= 2)
            #expect(s.unsent <= 2)
            // How many sends run late depends on how busy the machine is; that the
            // pacer keeps a schedule when it can is tested by PacerTests and fellBehind.
            // What the report says about them must agree with itself: late sends are
            // among those sent, and a send is late exactly when its lag passed 2 ms.
            #expect(s.late + s.unsent <= s.planned)
            #expect((s.late > 0) == (s.maxLagMicros > 2_000), "late \(s.late), max lag \(s.maxLagMicros) us")
            #expect(abs(r.summary.requests - 400) <= 4)
            #expect(abs(try await server.received().requests.count - 400) <= 4)
            #expect(r.summary.uncorrectedLatency != nil)
            #expect(r.summary.config.mode == .open)
        }
    }

    @Test("open loop with -n plans exactly n requests")
    func openLoopCount() async throws {
        try await TestServer.with(.ok) { server in
            let r = try await LoadEngine(config(server, connections: 2, requests: 150, rate: 1000)).run()
            #expect(r.summary.requests == 150)
            #expect(try await server.received().requests.count == 150)
            #expect(r.summary.durationSeconds > 0.12 && r.summary.durationSeconds < 0.6)
        }
    }

    @Test("too few connections for the rate: the schedule report says so")
    func fellBehind() async throws {
        try await TestServer.with(.slow(milliseconds: 20)) { server in
            // One connection can carry about 50 requests/s here; ask for 300.
            let r = try await LoadEngine(config(server, connections: 1, duration: 1.0, rate: 300)).run()
            let s = try #require(r.summary.schedule)
            #expect(s.fellBehind)
            #expect(s.late + s.unsent > 100)
            #expect(r.warnings.contains { $0.contains("schedule was not kept") })
            #expect(r.summary.warnings == r.warnings)
        }
    }

    @Test("an unreachable port fails at once, clearly")
    func unreachable() async throws {
        let server = try await TestServer.start(.ok)
        let url = server.url
        await server.stop()
        let c = LoadConfiguration(
            targets: [LoadTarget(url: try TargetURL.parse(url + "/"))], connections: 2, threads: 1, duration: 5)
        let started = Date()
        await #expect(throws: LoadError.self) { _ = try await LoadEngine(c).run() }
        #expect(Date().timeIntervalSince(started) < 2)
        do { _ = try await LoadEngine(c).run() } catch {
            #expect(error.description.contains("cannot connect to 127.0.0.1:"))
            #expect(error.description.contains("refused"))
        }
    }

    @Test("stop() ends the run early with what was measured")
    func stopEarly() async throws {
        try await TestServer.with(.ok) { server in
            let engine = LoadEngine(try config(server, duration: 30))
            Task {
                try await Task.sleep(nanoseconds: 300_000_000)
                engine.stop()
            }
            let started = Date()
            let r = try await engine.run()
            #expect(Date().timeIntervalSince(started) < 5)
            #expect(r.interrupted)
            #expect(r.summary.requests > 0)
        }
    }

    @Test("finished runs leave no event loop descriptor behind")
    func noLeftovers() async throws {
        /// epoll, eventfd and timerfd descriptors of this process (each loop has one of each).
        func loopDescriptors() -> Int {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            return names.filter { name in
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + name)) ?? ""
                return target.contains("eventpoll") || target.contains("eventfd") || target.contains("timerfd")
            }.count
        }
        try await TestServer.with(.ok) { server in
            let before = loopDescriptors()
            for _ in 0..<5 {
                var c = try config(server, connections: 6, requests: 60)
                c.threads = 2
                _ = try await LoadEngine(c).run()
            }
            var after = loopDescriptors()
            for _ in 0..<30 where after > before {
                try await Task.sleep(nanoseconds: 100_000_000)
                after = loopDescriptors()
            }
            #expect(after <= before, "5 runs of 2 loops left \(after - before) loop descriptors open")
        }
    }

    @Test("--interval: two loops' intervals merged into one series, one entry per interval")
    func intervals() async throws {
        try await TestServer.with(.ok) { server in
            var c = try config(server, connections: 4, duration: 0.9, rate: 400)
            c.threads = 2
            c.interval = 0.3
            let r = try await LoadEngine(c).run()
            let series = try #require(r.summary.intervals)
            #expect(series.map(\.startSeconds).map { ($0 * 10).rounded() / 10 } == [0, 0.3, 0.6])
            #expect(series.allSatisfy { abs($0.seconds - 0.3) < 1e-6 })
            #expect(series.reduce(0) { $0 + $1.requests } == r.summary.requests)
            #expect(
                series.allSatisfy { $0.requests > 80 }, "400/s over 0.3 s from both loops: \(series.map(\.requests))")
            #expect(r.summary.config.intervalSeconds == 0.3)
        }
    }
}
