import BattleCore

/// How long a plan takes, for the estimate printed at start and the
/// "remaining" figure of progress lines. Pure; the constants are what the
/// steps around the measured seconds cost on the reference machine.
public struct PlanEstimate: Sendable {
    public var profile: PlanProfile
    public var startSeconds = 1.5
    public var heapStartSeconds = 3.0
    public var verifySeconds = 8.0
    public var loadOverheadSeconds = 0.3
    public var databaseResetSeconds = 0.4

    public init(profile: PlanProfile) { self.profile = profile }

    func run(_ seconds: Double, warmup: Double) -> Double { seconds + warmup + loadOverheadSeconds }

    /// One main session of a contender with these tests (`first`: the one with verification and primers).
    public func mainSession(tests: [SuiteTest], first: Bool, verify: Bool) -> Double {
        var s = startSeconds + (tests.contains(where: \.usesDatabase) ? databaseResetSeconds : 0)
        if first {
            s += 1  // idle RSS
            if verify { s += verifySeconds }
        }
        for plan in profile.testPlans(for: tests) {
            if first { s += run(profile.primerSeconds, warmup: 0) }
            s += run(profile.testWarmupSeconds, warmup: 0)
            s += Double(plan.levels.count) * run(profile.levelSeconds, warmup: profile.levelWarmupSeconds)
        }
        return s
    }

    public func heapSession(tests: [SuiteTest]) -> Double {
        guard profile.heapLevel(for: tests) != nil else { return 0 }
        return heapStartSeconds + run(profile.testWarmupSeconds, warmup: 0)
            + run(profile.heapLevelSeconds ?? profile.levelSeconds, warmup: profile.levelWarmupSeconds)
    }

    public func capacitySession(tests: [SuiteTest]) -> Double {
        guard !tests.isEmpty else { return 0 }
        return startSeconds
            + Double(tests.count)
            * (run(profile.testWarmupSeconds, warmup: 0)
                + Double(profile.capacityMaxSteps) * run(profile.capacityStepSeconds, warmup: profile.levelWarmupSeconds))
    }

    /// One round of the equal-rate levels (one level per test).
    public func equalRateSession(tests: [SuiteTest]) -> Double {
        guard !tests.isEmpty else { return 0 }
        let warmup = profile.levelWarmupSeconds
        return startSeconds + (tests.contains(where: \.usesDatabase) ? databaseResetSeconds : 0)
            + Double(tests.count) * run(profile.levelSeconds, warmup: warmup)
    }

    /// The whole run for one contender.
    public func contender(tests: [SuiteTest], verify: Bool, capacityTests: [SuiteTest], equalRate: Bool = true) -> Double {
        var s = 0.0
        for round in 0..<max(profile.trials, 1) {
            s += mainSession(tests: tests, first: round == 0, verify: verify) + heapSession(tests: tests)
            if equalRate { s += equalRateSession(tests: tests) }
        }
        return s + capacitySession(tests: capacityTests)
    }
}
