import BattleCore
import Foundation
import Testing

@testable import BattleArena

@Suite struct CapacitySearchTests {
    @Test func parsesSLOs() throws {
        let s = try SLO(parsing: "p99=10ms")
        #expect(s.percentile == 99 && s.thresholdMicros == 10_000)
        #expect(s.description == "p99<=10.0ms")
        #expect(try SLO(parsing: "p99.9<=50ms").percentile == 99.9)
        #expect(try SLO(parsing: " P50 = 500us ").thresholdMicros == 500)
        for bad in ["99=10ms", "p99", "p101=1ms", "p99=fast", "p99=0ms"] {
            #expect(throws: SLO.ParseError.self) { try SLO(parsing: bad) }
        }
    }

    /// Runs the search against a server that meets the SLO up to `capacity` req/s.
    func search(capacity: Double, start: Double, maxSteps: Int = 12) -> (CapacitySearch, [CapacityStep]) {
        let search = CapacitySearch(slo: SLO(percentile: 99, thresholdMicros: 10_000), startRate: start, maxSteps: maxSteps)
        var steps: [CapacityStep] = []
        while let rate = search.next(after: steps) {
            steps.append(CapacityStep(rate: rate, latencyMicros: rate <= capacity ? 2_000 : 50_000, errorRate: 0, met: rate <= capacity))
        }
        return (search, steps)
    }

    @Test func convergesFromBelow() throws {
        let (s, steps) = search(capacity: 7300, start: 2000)
        let best = try #require(s.sustained(steps)).rate
        #expect(best <= 7300 && best >= 7300 * 0.95, "found \(best) in \(steps.map(\.rate))")
        #expect(steps.first?.rate == 2000)
        #expect(steps.count <= 12)
    }

    @Test func convergesFromAbove() throws {
        let (s, steps) = search(capacity: 900, start: 10_000)
        let best = try #require(s.sustained(steps)).rate
        #expect(best <= 900 && best >= 900 * 0.9, "found \(best) in \(steps.map(\.rate))")
    }

    @Test func givesUpWhenNothingMeetsTheSLO() {
        let (s, steps) = search(capacity: 0, start: 1000)
        #expect(s.sustained(steps) == nil)
        #expect(steps.allSatisfy { !$0.met })
        #expect(steps.last!.rate >= s.minRate)
    }

    @Test func respectsMaxSteps() {
        let (_, steps) = search(capacity: 1e9, start: 100, maxSteps: 4)
        #expect(steps.map(\.rate) == [100, 150, 225, 338])
    }

    func summary(requests: Int, ok: Int, errors: Int = 0, p99: Double, schedule: ScheduleReport? = nil) -> LoadSummary {
        LoadSummary(
            config: LoadConfigRecord(
                targets: ["http://127.0.0.1:1/json"], connections: 64, threads: 1, pipeline: 1, durationSeconds: 2, requestLimit: nil,
                warmupSeconds: 0, timeoutSeconds: 10, rate: 1000),
            startedAt: Date(timeIntervalSince1970: 0), durationSeconds: 2, requests: requests, requestsPerSecond: Double(requests) / 2,
            bytesRead: 0, statusCodes: ["200": ok, "500": requests - ok], errors: ErrorCounts(timeout: errors), reconnects: 0,
            latency: LatencySummary(
                count: requests, minMicros: 100, meanMicros: 1000, stdevMicros: 10, maxMicros: p99 * 2,
                percentiles: [PercentileValue(percentile: 99, micros: p99)]),
            schedule: schedule, endpoints: [])
    }

    @Test func judgesOneStep() {
        let s = CapacitySearch(slo: SLO(percentile: 99, thresholdMicros: 10_000), startRate: 1000, maxSteps: 5)
        #expect(s.step(rate: 1000, load: summary(requests: 2000, ok: 2000, p99: 9_000)).met)
        #expect(!s.step(rate: 1000, load: summary(requests: 2000, ok: 2000, p99: 11_000)).met)
        let errors = s.step(rate: 1000, load: summary(requests: 2000, ok: 1970, p99: 1_000))
        #expect(!errors.met && abs(errors.errorRate - 0.015) < 1e-9)
        let behind = ScheduleReport(targetRate: 1000, planned: 2000, late: 100, unsent: 0, maxLagMicros: 5000)
        #expect(!s.step(rate: 1000, load: summary(requests: 2000, ok: 2000, p99: 1_000, schedule: behind)).met)
        #expect(!s.step(rate: 1000, load: summary(requests: 0, ok: 0, p99: 0)).met)
    }
}
