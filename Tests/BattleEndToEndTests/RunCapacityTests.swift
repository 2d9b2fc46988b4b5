import BattleCore
import Foundation
import Testing

extension RunTests {
    /// `--slo` searches the highest open-loop rate meeting the SLO and records every rate tried.
    @Test func capacitySearchUnderAnSLORecordsItsSteps() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let out = try RunHarness.run(
            sandbox, contenders: ["fake-ok-two"],
            arguments: ["--no-verify", "--duration", "1s", "--tests", "json"] + RunHarness.quickFlags
                + ["--slo", "p99=200ms", "--capacity-tests", "json"])
        #expect(out.status == ExitStatus.ok.rawValue, "stderr:\n\(out.stderr)")
        let r = try #require(out.results, "no readable results.json; stderr:\n\(out.stderr)")
        #expect(r.plan.slo == "p99<=200ms")
        let c = try #require(r.contender("fake-ok-two"))
        #expect(c.status == .ok)
        let capacity = try #require(c.capacity.first, "no capacity result; stderr:\n\(out.stderr)")
        #expect(c.capacity.count == 1)
        #expect(capacity.test == .json)
        #expect(capacity.steps.count >= 2, "\(capacity.steps)")
        // The search starts at 80% of the peak (closed-loop) throughput of the json level.
        let closed = try #require(c.result(for: .json)?.bestLevel?.summary.requestsPerSecond.median)
        #expect(abs(capacity.steps[0].rate - (closed * 0.8).rounded()) <= 1)
        // Every step is kept as a capacity-step level with its full trial.
        let stepLevels = c.result(for: .json)?.levels(.capacityStep) ?? []
        #expect(stepLevels.map(\.rate) == capacity.steps.map(\.rate))
        #expect(stepLevels.allSatisfy { $0.trials.count == 1 && $0.label.hasPrefix("capacity ") })
        // The sustained rate is a step that met the SLO, no step above it met it,
        // and its figures are that step's: its latency, and the CPU and memory of
        // its capacity-step level. On a busy machine every step may miss (client
        // bound, schedule not kept): then nothing is sustained and no figure is given.
        if let sustained = capacity.steps.first(where: { $0.rate == capacity.sustainedRate }) {
            #expect(sustained.met)
            #expect(!capacity.steps.contains { $0.met && $0.rate > sustained.rate }, "\(capacity.steps)")
            #expect(capacity.latencyMicrosAtRate == sustained.latencyMicros)
            let level = try #require(stepLevels.first { $0.rate == sustained.rate })
            #expect(capacity.cpuCoresAtRate == level.trials[0].server?.cpuCores)
            #expect(capacity.peakRSSBytesAtRate == level.trials[0].server?.peakRSSBytes)
        } else {
            #expect(capacity.sustainedRate == 0, "\(capacity.sustainedRate) is no step's rate")
            #expect(!capacity.steps.contains { $0.met }, "\(capacity.steps)")
            #expect(capacity.latencyMicrosAtRate == nil && capacity.cpuCoresAtRate == nil)
        }
        #expect(out.stderr.contains("json capacity: trying"))
        RunHarness.expectNothingLeft(sandbox)
    }
}
