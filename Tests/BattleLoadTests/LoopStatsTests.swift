import BattleCore
import Histogram
import Testing

@testable import BattleLoad

@Suite("Per-loop statistics")
struct LoopStatsTests {
    @Test("nothing is recorded before the run starts recording, or for the warmup")
    func window() {
        var s = LoopStats(targets: 1, openLoop: false)
        s.response(target: 0, status: 200, planned: 0, sent: 0, now: 1_000)
        s.failure(target: 0, kind: .read, planned: 0)
        s.read(bytes: 10, now: 1_000)
        #expect(s.responses == 0 && s.errors().total == 0 && s.bytesRead == 0)
        s.startRecording(windowStart: 2_000)
        s.read(bytes: 10, now: 1_999)
        s.connectFailed(now: 1_999)
        s.reconnected(now: 1_999)
        s.failure(target: 0, kind: .read, planned: 1_999)
        #expect(s.bytesRead == 0 && s.errors().total == 0 && s.reconnects == 0)
        s.read(bytes: 10, now: 2_000)
        s.connectFailed(now: 2_000)
        s.failure(target: 0, kind: .timeout, planned: 2_000)
        s.response(target: 0, status: 200, planned: 2_000, sent: 2_000, now: 3_000)
        #expect(s.bytesRead == 10 && s.responses == 1 && s.errors() == ErrorCounts(connect: 1, timeout: 1))
        s.recording = false
        s.response(target: 0, status: 200, planned: 2_000, sent: 2_000, now: 3_000)
        #expect(s.responses == 1)
    }

    @Test("answers to requests planned before the window are not recorded")
    func plannedBeforeWindow() {
        var s = LoopStats(targets: 1, openLoop: false)
        s.startRecording(windowStart: 5_000)
        s.response(target: 0, status: 200, planned: 4_999, sent: 4_999, now: 6_000)
        s.response(target: 0, status: 200, planned: 5_000, sent: 5_000, now: 6_000)
        #expect(s.responses == 1)
    }

    @Test("open loop records corrected and uncorrected latency")
    func openLoop() {
        var s = LoopStats(targets: 1, openLoop: true)
        s.startRecording()
        // Planned at 0, sent 150 ms late, answered 1 ms after the send.
        s.response(target: 0, status: 200, planned: 0, sent: 150_000_000, now: 151_000_000)
        #expect(s.latency.histogram.max >= 150_000 && s.latency.histogram.max < 152_000)
        #expect(s.uncorrected!.histogram.max >= 999 && s.uncorrected!.histogram.max <= 1_001)
    }

    @Test("merging loops adds histograms, statuses and errors")
    func merge() {
        var a = LoopStats(targets: 2, openLoop: false)
        var b = LoopStats(targets: 2, openLoop: false)
        a.startRecording()
        b.startRecording()
        for i in 0..<100 { a.response(target: 0, status: 200, planned: 0, sent: 0, now: UInt64(i + 1) * 1000) }
        for i in 0..<100 { b.response(target: 1, status: i < 90 ? 200 : 500, planned: 0, sent: 0, now: UInt64(i + 101) * 1000) }
        b.failure(target: 1, kind: .timeout, planned: 0)
        b.connectFailed(now: 0)
        a.reconnects = 2
        b.reconnects = 3
        a.merge(b)
        #expect(a.responses == 200)
        #expect(a.latency.count == 200)
        #expect(a.latency.histogram.valueAtPercentile(50) == 100)
        #expect(a.latency(target: 1).count == 100)
        #expect(a.latency(target: 1).histogram.min >= 101)
        #expect(a.statusCodes() == ["200": 190, "500": 10])
        #expect(a.statusCodes(target: 1) == ["200": 90, "500": 10])
        #expect(a.errors() == ErrorCounts(connect: 1, timeout: 1))
        #expect(a.errors(target: 0).total == 0)
        #expect(a.reconnects == 5)
    }

    @Test("merged percentiles equal those of one histogram holding every value")
    func mergeEqualsWhole() {
        var whole = LatencyHistogram.make()
        var parts = (0..<4).map { _ in LatencyHistogram.make() }
        var seed: UInt64 = 42
        for i in 0..<20_000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let v = 1 + (seed >> 33) % 200_000
            whole.record(v)
            parts[i % 4].record(v)
        }
        var merged = parts[0]
        for p in parts.dropFirst() { merged.add(p) }
        for p in LatencySummary.standardPercentiles { #expect(merged.valueAtPercentile(p) == whole.valueAtPercentile(p)) }
        #expect(LatencyHistogram.summary(merged) == LatencyHistogram.summary(whole))
    }

    @Test("memory is fixed by the layout, not by how much is recorded")
    func boundedMemory() {
        var s = LoopStats(targets: 1, openLoop: true)
        s.startRecording()
        let before = s.latency.histogram.estimatedFootprintInBytes
        for i in 0..<200_000 { s.response(target: 0, status: 200, planned: 0, sent: 0, now: UInt64(i % 5000) * 1_000_000) }
        #expect(s.latency.histogram.estimatedFootprintInBytes == before)
        #expect(s.latency.count == 200_000)
    }

    @Test("latencies beyond the trackable range are clamped, never lost")
    func clamped() {
        var s = LoopStats(targets: 1, openLoop: false)
        s.startRecording()
        s.response(target: 0, status: 200, planned: 0, sent: 0, now: 500 * 1_000_000_000)
        #expect(s.latency.count == 1)
    }

    @Test("the kept mean and deviation agree with the histogram's own")
    func moments() {
        var r = LatencyRecorder()
        var seed: UInt64 = 7
        for _ in 0..<50_000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            r.record(100 + (seed >> 33) % 900)
        }
        let fast = r.summary
        let slow = LatencyHistogram.summary(r.histogram)
        #expect(abs(fast.meanMicros - slow.meanMicros) / slow.meanMicros < 0.001)
        #expect(abs(fast.stdevMicros - slow.stdevMicros) / slow.stdevMicros < 0.01)
        #expect(fast.percentiles == slow.percentiles)
        #expect(LatencyRecorder().summary == .empty)
    }
}
