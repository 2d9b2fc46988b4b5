import BattleCore
import Testing

@testable import BattleLoad

/// The pause probe's configuration (one connection, open loop at
/// `ProbePlan.defaultRate`, latency corrected, an interval series) against a
/// server that holds every answer for 300 ms once a second: the probe's
/// maximum is the stall's length, its spikes land in the intervals where the
/// stalls end, and the periodic-stall detection finds the period.
@Suite("Pause probe under periodic stalls", .serialized)
struct PauseProbeStallTests {
    static let stallMillis: Int64 = 300

    @Test("probe max within 10% of the stall; spikes at the stalls' intervals; period found")
    func probeSeesStalls() async throws {
        // Stalls at 0.4-0.7 s, 1.4-1.7 s and 2.4-2.7 s after the first request,
        // inside the 3 s window it opens; intervals of 200 ms.
        let result = try await TestServer.with(.stall(period: 1000, stall: Self.stallMillis, offset: 400)) { server in
            let c = LoadConfiguration(
                targets: [LoadTarget(url: try TargetURL.parse(server.url + "/plaintext"))], connections: 1, threads: 1,
                duration: 3.0, timeout: 5, rate: ProbePlan.defaultRate, interval: 0.2)
            return try await LoadEngine(c).run()
        }
        let stall = Double(Self.stallMillis) * 1000
        let max = result.summary.latency.maxMicros
        #expect(max >= stall * 0.9 && max <= stall * 1.1, "probe max \(max) us; the stall is \(stall) us")

        let series = try #require(result.summary.intervals)
        #expect(series.count == 15, "3 s in intervals of 200 ms: \(series.count)")
        func at(_ start: Double) -> LoadInterval? { series.first { abs($0.startSeconds - start) < 0.01 } }
        // The answers held in a stall arrive when it ends (0.7, 1.7, 2.7 s): the
        // interval from 0.6 s (or the next, on a busy machine) holds the spike.
        var spikeStarts: [Double] = []
        for stallEnd in [0.7, 1.7, 2.7] {
            let candidates = [at(stallEnd - 0.1), at(stallEnd + 0.1)].compactMap { $0 }
            let spike = try #require(candidates.max { $0.maxMicros < $1.maxMicros })
            #expect(spike.maxMicros > stall * 0.8, "max near the stall ending at \(stallEnd) s: \(spike.maxMicros) us")
            spikeStarts.append(spike.startSeconds)
        }
        // Between the stalls, loopback latency: far below the spikes.
        for quiet in [0.0, 0.2, 1.0, 1.2, 2.0, 2.2] {
            let i = try #require(at(quiet))
            #expect(i.maxMicros < 50_000, "interval at \(quiet) s: max \(i.maxMicros) us")
            #expect(i.requests > 50, "interval at \(quiet) s: \(i.requests) responses at 500/s")
        }

        let periodic = try #require(
            PeriodicStalls.detect(series), "no periodic stalls found in \(series.map(\.maxMicros))")
        #expect(
            abs(periodic.periodSeconds - 1.0) <= 0.2, "period \(periodic.periodSeconds) s; the stalls come every 1 s")
        #expect(periodic.spikes == 3)
        #expect(periodic.spikeStarts == spikeStarts)
        print(
            "pause probe under 300 ms stalls every 1 s: max \(max) us, spikes at \(periodic.spikeStarts) s, period \(periodic.periodSeconds) s"
        )
    }
}
