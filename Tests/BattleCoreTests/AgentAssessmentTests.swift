import BattleCore
import Testing

/// When several agents' merged level may be ranked (issue 20), and how an
/// agent's clock offset is measured. Each rule fails here when it is changed.
@Suite struct AgentAssessmentTests {
    static func ok(_ i: Int, rate: Double? = 1_000) -> AgentAssessment.Report {
        AgentAssessment.Report(
            index: i, targetRate: rate, achievedRate: rate ?? 5_000, generatorBound: false, clockOffsetSeconds: 0.0002)
    }

    @Test func everyAgentOnRateAndOnTimeIsValid() {
        #expect(AgentAssessment.assess((0..<3).map { Self.ok($0) }, agents: 3) == .valid)
        #expect(AgentAssessment.assess((0..<2).map { Self.ok($0, rate: nil) }, agents: 2) == .valid)
    }

    @Test func aMissingOrDeadAgentMakesTheLevelInvalid() {
        #expect(
            AgentAssessment.assess([Self.ok(0), Self.ok(2)], agents: 3)
                == .invalid(reasons: ["agent 1 gave no report"]))
        var dead = Self.ok(1)
        dead.failure = "was killed by SIGKILL mid-level"
        #expect(
            AgentAssessment.assess([Self.ok(0), dead], agents: 2)
                == .invalid(reasons: ["agent 1 was killed by SIGKILL mid-level"]))
    }

    @Test func aClockBeyondTheBoundMakesTheLevelInvalid() {
        var late = Self.ok(1)
        late.clockOffsetSeconds = -0.0051
        #expect(
            AgentAssessment.assess([Self.ok(0), late], agents: 2)
                == .invalid(reasons: ["agent 1's clock is 5.10ms off the coordinator's (the bound is 5.00ms)"]))
        late.clockOffsetSeconds = 0.0049
        #expect(AgentAssessment.assess([Self.ok(0), late], agents: 2) == .valid)
        late.clockOffsetSeconds = nil
        #expect(
            AgentAssessment.assess([Self.ok(0), late], agents: 2)
                == .invalid(reasons: ["agent 1's clock offset was not measured"]))
    }

    @Test func aMissedRateOrASaturatedAgentMakesALowerBound() {
        var slow = Self.ok(0)
        slow.achievedRate = 940
        #expect(
            AgentAssessment.assess([slow, Self.ok(1)], agents: 2)
                == .lowerBound(reasons: ["agent 0 sent 940 of its 1000 req/s"]))
        slow.achievedRate = 950
        #expect(AgentAssessment.assess([slow, Self.ok(1)], agents: 2) == .valid)
        var bound = Self.ok(1)
        bound.generatorBound = true
        #expect(
            AgentAssessment.assess([Self.ok(0), bound], agents: 2)
                == .lowerBound(reasons: ["agent 1 was generator-bound"]))
    }

    @Test func theShortestRoundTripGivesTheOffset() throws {
        let exchanges = [
            ClockOffset.Exchange(sent: 10.000, remote: 10.020, received: 10.010),  // round trip 10 ms
            ClockOffset.Exchange(sent: 11.000, remote: 11.0035, received: 11.001),  // 1 ms: offset +3 ms
            ClockOffset.Exchange(sent: 12.000, remote: 12.0, received: 11.999),  // received before sent: unusable
        ]
        let e = try #require(ClockOffset.estimate(exchanges))
        #expect(abs(e.offset - 0.003) < 1e-9)
        #expect(abs(e.uncertainty - 0.0005) < 1e-9)
        #expect(ClockOffset.estimate([]) == nil)
    }
}
