import BattleCore
import Testing

@testable import BattleLoad

/// Coordinated omission, measured: a server that holds every answer for
/// 300 ms once a second, loaded at a fixed rate. Requests planned during a
/// stall wait until it ends, so their latency from the planned time is
/// spread evenly over 0..300 ms: 30% of the time is stalled, 20% of all
/// requests wait more than 100 ms ((300 - 100) / 1000), and p99 is about
/// 290 ms (300 x (1 - 0.01 x 1000 / 300)). A closed-loop measure (or one
/// from the actual send, with too few connections) sees far less of it.
/// A busy machine (two cores shared with compilers) only adds latency, so
/// lower bounds are tight and upper bounds loose: they still catch a
/// measure from the wrong starting point.
@Suite("Open-loop latency under stalls", .serialized)
struct OpenLoopStallTests {
    static let period: Int64 = 1000
    static let stall: Int64 = 300

    func run(connections: Int, rate: Double?, interval: Double? = nil) async throws -> LoadResult {
        // Stalls at 300..600 ms and 1300..1600 ms after the first request,
        // inside the 2 s window that it opens.
        try await TestServer.with(.stall(period: Self.period, stall: Self.stall, offset: 300)) { server in
            let c = LoadConfiguration(
                targets: [LoadTarget(url: try TargetURL.parse(server.url + "/"))], connections: connections, threads: 1,
                duration: 2.0, timeout: 5, rate: rate, interval: interval)
            return try await LoadEngine(c).run()
        }
    }

    @Test("corrected percentiles match the stalls; the uncorrected view and closed loop miss them")
    func stalls() async throws {
        let open = try await run(connections: 200, rate: 500)
        let p99 = try #require(open.summary.latency.p99)
        let above100 = open.fractionAbove(micros: 100_000)
        #expect(p99 > 250_000 && p99 < 1_000_000, "p99 \(p99) us, expected about 290 ms")
        #expect(above100 > 0.15 && above100 < 0.6, "above 100 ms: \(above100), expected about 0.20")
        #expect(open.summary.requests > 900, "200 connections carry 500/s through a 300 ms stall")

        // Too few connections to keep the schedule: corrected latency still shows the
        // stalls; the uncorrected view (from the actual send) hides most of them.
        let few = try await run(connections: 10, rate: 500)
        let fewAbove = few.fractionAbove(micros: 100_000)
        let fewUncorrectedAbove = few.fractionAbove(micros: 100_000, uncorrected: true)
        #expect(fewAbove > 0.15 && fewAbove < 0.7, "corrected above 100 ms with 10 connections: \(fewAbove)")
        #expect(fewUncorrectedAbove < fewAbove / 3, "uncorrected \(fewUncorrectedAbove) vs corrected \(fewAbove)")
        #expect(few.summary.schedule?.fellBehind == true)

        // Closed loop (wrk's way) with 10 connections: one sample per connection per stall.
        let closed = try await run(connections: 10, rate: nil)
        let closedAbove = closed.fractionAbove(micros: 100_000)
        #expect(closedAbove < 0.05, "closed loop above 100 ms: \(closedAbove)")
    }

    @Test("the interval series puts the spikes in the intervals where the stalls end, and only there")
    func intervalSeries() async throws {
        let r = try await run(connections: 200, rate: 500, interval: 0.1)
        let series = try #require(r.summary.intervals)
        #expect(series.count == 20, "2 s in intervals of 100 ms: \(series.count)")
        #expect(series.reduce(0) { $0 + $1.requests } == r.summary.requests)
        #expect(
            zip(series.dropLast(), series.dropFirst()).allSatisfy {
                abs($0.startSeconds + $0.seconds - $1.startSeconds) < 1e-6
            })
        // Answers held in a stall (300..600 ms, 1300..1600 ms) all arrive when it
        // ends, with up to 300 ms of corrected latency: the interval starting at
        // 0.6 s or 1.6 s (or the next, on a slow machine) shows the spike.
        func at(_ start: Double) -> LoadInterval? { series.first { abs($0.startSeconds - start) < 0.01 } }
        for stallEnd in [0.6, 1.6] {
            let spike = [at(stallEnd), at(stallEnd + 0.1)].compactMap { $0 }.map(\.maxMicros).max() ?? 0
            #expect(spike > 250_000 && spike < 600_000, "max after the stall ending at \(stallEnd) s: \(spike) us")
            // Inside the stall nothing (or next to nothing) is answered.
            for inside in [stallEnd - 0.2, stallEnd - 0.1] {
                let i = try #require(at(inside))
                #expect(i.requests < 10, "interval at \(inside) s, inside a stall: \(i.requests) responses")
            }
        }
        // Away from the stalls latency is that of loopback: far below the spikes.
        for quiet in [0.0, 0.1, 0.9, 1.0, 1.1] {
            let i = try #require(at(quiet))
            #expect(i.maxMicros < 100_000, "interval at \(quiet) s: max \(i.maxMicros) us")
            #expect(i.requests > 30, "interval at \(quiet) s: \(i.requests) responses at 500/s")
        }
    }
}
