import BattleCore
import Foundation
import Histogram
import Testing

/// The agent protocol's codec, the split of a level over agents, and the
/// merge of their results (issue 20). Pure: no process, no socket.
@Suite struct AgentProtocolTests {
    static let load = AgentLoad(
        targets: [
            AgentTarget(
                name: "POST /orders", method: "POST", url: "http://10.213.7.12:8080/orders",
                headers: [.init(name: "Content-Type", value: "application/json")], bodiesBase64: ["e30="], weight: 3)
        ], connections: 10, threads: nil, pipeline: 1, durationSeconds: 30, requestLimit: nil, warmupSeconds: 5,
        timeoutSeconds: 10, rate: 3000, intervalSeconds: 1)

    static func histogram(_ values: [UInt64]) -> Histogram<UInt64> {
        var h = LatencyHistogram.make()
        for v in values { h.record(v) }
        return h
    }

    static func summary(_ h: Histogram<UInt64>, start: Double, rate: Double? = nil) -> LoadSummary {
        let config = LoadConfigRecord(
            targets: ["GET http://127.0.0.1:1/"], connections: 1, threads: 1, pipeline: 1, durationSeconds: 2,
            requestLimit: nil, warmupSeconds: 0, timeoutSeconds: 10, rate: rate, intervalSeconds: 1)
        let latency = LatencyHistogram.summary(h)
        var s = LoadSummary(
            config: config, startedAt: Date(timeIntervalSince1970: start), durationSeconds: 2,
            requests: Int(h.totalCount), requestsPerSecond: Double(h.totalCount) / 2, bytesRead: 10,
            statusCodes: ["200": Int(h.totalCount)], errors: ErrorCounts(timeout: 1), reconnects: 0, latency: latency,
            endpoints: [
                EndpointSummary(
                    name: "GET /", method: "GET", url: "http://127.0.0.1:1/", requests: Int(h.totalCount),
                    statusCodes: ["200": Int(h.totalCount)], errors: ErrorCounts(timeout: 1), latency: latency)
            ])
        s.startedAtEpochSeconds = start
        return s
    }

    static func report(index: Int, _ h: Histogram<UInt64>, start: Double, offset: Double) -> AgentReport {
        AgentReport(
            index: index, host: "h\(index)", summary: summary(h, start: start), histogram: HistogramCodec.base64(h),
            uncorrectedHistogram: nil, endpointHistograms: nil, targetRate: nil,
            achievedRate: Double(h.totalCount) / 2, cpuCores: 0.2, usableCores: 1, generatorBound: false,
            clockOffsetSeconds: offset, startLagSeconds: 0, interrupted: false)
    }

    // MARK: codec

    @Test func everyMessageRoundTripsAsOneLine() throws {
        let h = Self.histogram([100, 200, 300])
        let spec = AgentSpec(index: 1, agents: 3, load: Self.load, histogram: .latency)
        let messages: [AgentMessage] = [
            .spec(spec), .probe(id: 7), .start(t0: 1_796_117_938.25, clockOffsetSeconds: -0.000_123),
            .stop(reason: "interrupted"),
            .ready(
                AgentReady(
                    index: 1, version: "0.1.0", host: "h2", clock: 1_796_117_938.125, histogram: .latency,
                    connections: 3, openConnections: 3, threads: 2, cpus: 4, rate: 1000)),
            .clock(id: 7, time: 1_796_117_938.5),
            .interval(
                AgentInterval(
                    windowStart: 1_796_117_943.25, start: 1, length: 1, requests: 3, errors: 0,
                    histogram: HistogramCodec.base64(h), uncorrected: HistogramCodec.base64(h))),
            // Whole seconds: LoadSummary's startedAt is ISO 8601 (startedAtEpochSeconds keeps the fraction).
            .result(Self.report(index: 1, h, start: 1_796_117_943, offset: 0.001)),
            .error(AgentFailure(message: "cannot connect", status: 3)),
        ]
        for m in messages {
            let line = m.line()
            #expect(line.hasSuffix("\n"))
            #expect(line.dropLast().firstIndex(of: "\n") == nil, "one line: \(line)")
            #expect(line.contains("\"type\":\"\(m.type)\""))
            #expect(try AgentMessage.decode(line: line) == m, "\(m.type): \(line)")
        }
    }

    @Test func aLineThatIsNoMessageSaysWhy() {
        #expect(throws: AgentMessage.ProtocolError.self) { try AgentMessage.decode(line: "hello") }
        do {
            _ = try AgentMessage.decode(line: "{\"type\":\"launch\"}")
            Issue.record("an unknown type was accepted")
        } catch { #expect(error.description.contains("unknown battle agent message type 'launch'")) }
        do {
            _ = try AgentMessage.decode(line: "{\"type\":\"probe\"}")
            Issue.record("a probe without its id was accepted")
        } catch { #expect(error.description.contains("no 'id'"), "\(error)") }
    }

    @Test func theSpecDocumentIsStable() throws {
        let spec = AgentSpec(index: 0, agents: 2, load: Self.load, histogram: .latency)
        let json = String(decoding: try ResultsCoding.encoder(pretty: false).encode(spec), as: UTF8.self)
        #expect(json.contains("\"format\":\"battle-agent-spec/1\""))
        #expect(
            json.contains(
                "\"histogram\":{\"highestTrackableValue\":100000000,\"lowestDiscernibleValue\":1,\"significantDigits\":3,\"unit\":\"us\"}"
            ))
        try spec.validate()
        var wrong = spec
        wrong.format = "battle-agent-spec/2"
        #expect(throws: AgentSpec.Invalid.self) { try wrong.validate() }
        var few = spec
        few.agents = 11
        few.index = 10
        #expect(
            throws: AgentSpec.Invalid(
                message: "10 connections cannot be shared by 11 agents; every agent needs one (use -c 11 or more)")
        ) {
            try few.validate()
        }
    }

    // MARK: the split

    @Test func connectionsSplitWithTheRemainderToTheFirstAgents() {
        #expect((0..<4).map { AgentShare.of(Self.load, index: $0, agents: 4).connections } == [3, 3, 2, 2])
        #expect((0..<3).map { AgentShare.split(7, parts: 3, index: $0) } == [3, 2, 2])
        var closed = Self.load
        closed.rate = nil
        closed.requestLimit = 1001
        let shares = (0..<2).map { AgentShare.of(closed, index: $0, agents: 2) }
        #expect(shares.map(\.rate) == [nil, nil])
        #expect(shares.map(\.scheduleOffsetSeconds) == [0, 0])
        #expect(shares.map(\.requestLimit) == [501, 500])
    }

    @Test func openLoopSharesInterleaveIntoTheLevelsSchedule() {
        // R = 3000 over 3 agents: each plans 1000/s, agent i starting i/R in.
        let shares = (0..<3).map { AgentShare.of(Self.load, index: $0, agents: 3) }
        #expect(shares.map(\.rate) == [1000, 1000, 1000])
        let offsets: [Double] = [0, 1.0 / 3000, 2.0 / 3000]
        #expect(shares.map(\.scheduleOffsetSeconds) == offsets)
        // Their planned times together are the level's k/R, each once.
        var planned: [Double] = []
        for s in shares {
            for k in 0..<100 { planned.append(s.scheduleOffsetSeconds + Double(k) / s.rate!) }
        }
        planned.sort()
        for (k, t) in planned.enumerated() { #expect(abs(t - Double(k) / 3000) < 1e-9, "slot \(k)") }
    }

    // MARK: the merge

    @Test func mergedPercentilesComeFromTheAddedHistogramsNeverAveraged() throws {
        // Agent 0 answers in ~100 µs, agent 1 in ~10 ms: averaging p50s would give ~5 ms, a latency nobody saw.
        let fast = Self.histogram(Array(repeating: 100, count: 900) + [150])
        let slow = Self.histogram(Array(repeating: 10_000, count: 100))
        let t0 = 1_796_117_938.0
        let outcomes = [
            AgentOutcome(
                index: 0, destination: "local", connections: 1, clockOffsetSeconds: 0.0002,
                report: Self.report(index: 0, fast, start: t0 + 0.0002, offset: 0.0002)),
            AgentOutcome(
                index: 1, destination: "h2", connections: 1, clockOffsetSeconds: -0.001,
                report: Self.report(index: 1, slow, start: t0 - 0.001, offset: -0.001)),
        ]
        let config = Self.summary(fast, start: t0).config
        let merged = try AgentMerge.merge(config: config, outcomes: outcomes, t0: t0)
        var expected = fast
        expected.add(slow)
        #expect(merged.latency == expected)
        #expect(merged.summary.requests == 1001)
        #expect(merged.summary.latency.count == 1001)
        // As received: through the V2 encoding, which keeps counts, not the exact max.
        var received = try HistogramCodec.decode(base64: HistogramCodec.base64(fast))
        received.add(try HistogramCodec.decode(base64: HistogramCodec.base64(slow)))
        let fromSum = LatencyHistogram.summary(received)
        #expect(merged.summary.latency.percentiles == fromSum.percentiles)
        #expect(merged.summary.latency.p50! < 200)
        #expect(merged.summary.latency.p99! > 9_000)
        #expect(merged.summary.errors.timeout == 2)
        #expect(merged.summary.statusCodes == ["200": 1001])
        // The mean is pooled from the agents' own (exact in a real run), weighted by their counts.
        let pooled =
            (901 * LatencyHistogram.summary(fast).meanMicros + 100 * LatencyHistogram.summary(slow).meanMicros) / 1001
        #expect(abs(merged.summary.latency.meanMicros - pooled) < 1e-6)
        #expect(merged.summary.agents?.map(\.requests) == [901, 100])
        #expect(merged.summary.standing?.verdict == .valid)
        #expect(merged.summary.startedAtEpochSeconds == t0)
    }

    @Test func intervalsAlignOnTheCoordinatorsClock() throws {
        let t0 = 1_796_117_938.0
        let a = Self.histogram([100, 100])
        let b = Self.histogram([300])
        // Agent 1's clock runs 2 ms ahead: its window starts at t0 + 0.002 on its clock.
        func interval(_ ws: Double, _ start: Double, _ h: Histogram<UInt64>) -> AgentInterval {
            AgentInterval(
                windowStart: ws, start: start, length: 1, requests: Int(h.totalCount), errors: 1,
                histogram: HistogramCodec.base64(h), uncorrected: nil)
        }
        let outcomes = [
            AgentOutcome(
                index: 0, destination: "local", connections: 1, clockOffsetSeconds: 0,
                intervals: [interval(t0, 0, a), interval(t0, 1, a)],
                report: Self.report(index: 0, Self.histogram([100, 100, 100, 100]), start: t0, offset: 0)),
            AgentOutcome(
                index: 1, destination: "local", connections: 1, clockOffsetSeconds: 0.002,
                intervals: [interval(t0 + 0.002, 0, b), interval(t0 + 0.002, 1, b)],
                report: Self.report(index: 1, Self.histogram([300, 300]), start: t0 + 0.002, offset: 0.002)),
        ]
        let merged = try AgentMerge.merge(
            config: Self.summary(a, start: t0).config, outcomes: outcomes, t0: t0)
        #expect(merged.intervals.map(\.start) == [0, 1])
        #expect(merged.intervals.map { $0.histogram.totalCount } == [3, 3])
        #expect(merged.summary.intervals?.map(\.requests) == [3, 3])
        #expect(merged.summary.intervals?.map(\.errors) == [2, 2])
    }

    @Test func anotherLayoutIsRefused() throws {
        var other = Histogram<UInt64>(
            lowestDiscernibleValue: 1, highestTrackableValue: 100_000_000, numberOfSignificantValueDigits: .two)
        other.record(100)
        let t0 = 1_796_117_938.0
        var bad = Self.report(index: 1, Self.histogram([100]), start: t0, offset: 0)
        bad.histogram = HistogramCodec.base64(other)
        let outcomes = [
            AgentOutcome(
                index: 0, destination: "local", connections: 1, clockOffsetSeconds: 0,
                report: Self.report(index: 0, Self.histogram([100]), start: t0, offset: 0)),
            AgentOutcome(index: 1, destination: "local", connections: 1, clockOffsetSeconds: 0, report: bad),
        ]
        #expect(throws: AgentMerge.Failure.self) {
            try AgentMerge.merge(config: Self.summary(other, start: t0).config, outcomes: outcomes, t0: t0)
        }
    }

    @Test func aDeadAgentMakesTheLevelInvalidAndTheOthersStillCount() throws {
        let t0 = 1_796_117_938.0
        let h = Self.histogram([100, 200])
        let outcomes = [
            AgentOutcome(
                index: 0, destination: "local", connections: 1, clockOffsetSeconds: 0,
                report: Self.report(index: 0, h, start: t0, offset: 0)),
            AgentOutcome(
                index: 1, destination: "h2", connections: 1, clockOffsetSeconds: 0,
                failure: "died before its result (killed by signal 9)"),
        ]
        let merged = try AgentMerge.merge(config: Self.summary(h, start: t0).config, outcomes: outcomes, t0: t0)
        #expect(merged.summary.requests == 2)
        guard case .invalid(let reasons) = merged.standing else {
            Issue.record("not invalid: \(merged.standing)")
            return
        }
        #expect(reasons == ["agent 1 died before its result (killed by signal 9)"])
        #expect(merged.summary.agents?[1].failure == "died before its result (killed by signal 9)")
    }

    @Test func agentsSharingOneDestinationsCPUsAreJudgedTogether() throws {
        let t0 = 1_796_117_938.0
        let h = Self.histogram([100, 200])
        func outcome(_ i: Int, _ destination: String, cores: Double) -> AgentOutcome {
            var r = Self.report(index: i, h, start: t0, offset: 0)
            r.cpuCores = cores
            r.usableCores = 1
            return AgentOutcome(
                index: i, destination: destination, connections: 1,
                ready: AgentReady(
                    index: i, version: "0.1.0", host: "vm", clock: t0, histogram: .latency, connections: 1,
                    openConnections: 1, threads: 1, cpus: 1, rate: nil),
                clockOffsetSeconds: 0, report: r)
        }
        // Two agents on local:1 at 0.47 cores each: 0.94 of the one CPU they share.
        let together = [outcome(0, "local:1", cores: 0.47), outcome(1, "local:1", cores: 0.47)]
        #expect(AgentMerge.sharedCPUsBound(together, policy: .init()) == [0, 1])
        let merged = try AgentMerge.merge(config: Self.summary(h, start: t0).config, outcomes: together, t0: t0)
        #expect(
            merged.standing == .lowerBound(reasons: ["agent 0 was generator-bound", "agent 1 was generator-bound"]))
        #expect(merged.summary.agents?.map(\.generatorBound) == [true, true])
        // On CPUs of their own, the same figures are fine.
        let apart = [outcome(0, "local:1", cores: 0.47), outcome(1, "local:0", cores: 0.47)]
        #expect(AgentMerge.sharedCPUsBound(apart, policy: .init()).isEmpty)
    }

    @Test func aMissedRateOrALateStartIsJudged() throws {
        let t0 = 1_796_117_938.0
        let h = Self.histogram([100, 200])
        var missed = Self.report(index: 0, h, start: t0, offset: 0)
        missed.targetRate = 100
        missed.achievedRate = 50
        var late = Self.report(index: 1, h, start: t0, offset: 0)
        late.startLagSeconds = 0.02
        let standing = AgentAssessment.assess(
            [
                AgentMerge.assessmentReport(
                    AgentOutcome(index: 0, destination: "local", connections: 1, clockOffsetSeconds: 0, report: missed),
                    policy: .init()),
                AgentMerge.assessmentReport(
                    AgentOutcome(index: 1, destination: "local", connections: 1, clockOffsetSeconds: 0, report: late),
                    policy: .init()),
            ], agents: 2)
        guard case .invalid(let reasons) = standing else {
            Issue.record("not invalid: \(standing)")
            return
        }
        #expect(reasons.contains { $0.hasPrefix("agent 1 began 20.0ms after T0") }, "\(reasons)")
        #expect(reasons.contains("agent 0 sent 50 of its 100 req/s"), "\(reasons)")
        #expect(AgentAssessment.isGeneratorBound(cpuCores: 1.85, usableCores: 2))
        #expect(!AgentAssessment.isGeneratorBound(cpuCores: 1.7, usableCores: 2))
    }
}
