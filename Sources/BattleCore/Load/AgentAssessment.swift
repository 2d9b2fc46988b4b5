/// Several load agents' shares of one level (issue 20), judged before their
/// merged figures may be ranked. Pure: the agents' reports in, a standing
/// out, so every rule is a unit test.
///
/// - An agent that is missing or died leaves a share of the load unmeasured:
///   the merged level is **invalid** (its counts are not the level's).
/// - An agent whose clock is off the coordinator's by more than the bound
///   cannot be aligned on T0, nor trusted to have waited at the barrier: **invalid**.
/// - An agent that missed its rate, or whose own CPUs were saturated
///   (generator-bound), may have limited what the server showed: the level is
///   a **lower bound**, shown and never ranked, as a client-bound trial is today.
public enum AgentAssessment {
    /// What one agent said of its share, with the coordinator's measurement of its clock.
    public struct Report: Codable, Sendable, Equatable {
        public var index: Int
        /// The share's open-loop rate, requests per second (nil: closed loop).
        public var targetRate: Double?
        public var achievedRate: Double
        /// Its CPUs were saturated by the load generator and whatever shares them.
        public var generatorBound: Bool
        /// Its clock minus the coordinator's, seconds (nil: not measured).
        public var clockOffsetSeconds: Double?
        /// Why it gave no complete share (it died, was killed, timed out), or nil.
        public var failure: String?

        public init(
            index: Int, targetRate: Double?, achievedRate: Double, generatorBound: Bool, clockOffsetSeconds: Double?,
            failure: String? = nil
        ) {
            self.index = index
            self.targetRate = targetRate
            self.achievedRate = achievedRate
            self.generatorBound = generatorBound
            self.clockOffsetSeconds = clockOffsetSeconds
            self.failure = failure
        }
    }

    /// The thresholds, named once.
    public struct Policy: Sendable, Equatable {
        /// An open-loop share below this fraction of its rate missed it.
        public var minimumRateFraction = 0.95
        /// The largest clock offset to the coordinator an agent may have, seconds.
        public var maximumClockOffsetSeconds = 0.005
        /// An agent whose process used this share of the cores it could use
        /// (its event loops, at most its CPUs) was generator-bound: the same
        /// share as a single-host run's client-bound check (RunPolicy).
        public var generatorBoundShare = 0.9
        public init() {}
    }

    /// Whether an agent that used `cpuCores` of `usableCores`, on CPUs busy
    /// `cpusBusy` of the time (by it and whatever shares them), was generator-bound.
    public static func isGeneratorBound(
        cpuCores: Double?, usableCores: Int, cpusBusy: Double? = nil, policy: Policy = Policy()
    ) -> Bool {
        if let cpusBusy, cpusBusy >= policy.generatorBoundShare { return true }
        guard let cpuCores, usableCores > 0 else { return false }
        return cpuCores >= policy.generatorBoundShare * Double(usableCores)
    }

    public enum Standing: Sendable, Equatable {
        case valid
        case lowerBound(reasons: [String])
        case invalid(reasons: [String])
    }

    /// The standing of a level merged from `reports`, `agents` having been started.
    public static func assess(_ reports: [Report], agents: Int, policy: Policy = Policy()) -> Standing {
        var invalid: [String] = []
        var lower: [String] = []
        let seen = Set(reports.map(\.index))
        for i in 0..<agents where !seen.contains(i) { invalid.append("agent \(i) gave no report") }
        for r in reports.sorted(by: { $0.index < $1.index }) {
            if let failure = r.failure { invalid.append("agent \(r.index) \(failure)") }
            switch r.clockOffsetSeconds {
            case nil: invalid.append("agent \(r.index)'s clock offset was not measured")
            case let offset? where abs(offset) > policy.maximumClockOffsetSeconds:
                invalid.append(
                    "agent \(r.index)'s clock is \(Format.micros(abs(offset) * 1e6)) off the coordinator's (the bound is \(Format.micros(policy.maximumClockOffsetSeconds * 1e6)))"
                )
            default: break
            }
            if let target = r.targetRate, target > 0, r.achievedRate < policy.minimumRateFraction * target {
                lower.append(
                    "agent \(r.index) sent \(Format.count(r.achievedRate)) of its \(Format.count(target)) req/s")
            }
            if r.generatorBound { lower.append("agent \(r.index) was generator-bound") }
        }
        if !invalid.isEmpty { return .invalid(reasons: invalid + lower) }
        if !lower.isEmpty { return .lowerBound(reasons: lower) }
        return .valid
    }
}

/// A clock's offset to the coordinator's, from exchanges timed on the
/// coordinator's clock: it asked at `sent`, the other clock said `remote`,
/// the answer came at `received`. The exchange with the shortest round trip
/// bounds the error best: offset = remote - midpoint, within ± half its round trip.
public enum ClockOffset {
    public struct Exchange: Sendable, Equatable {
        public var sent: Double
        public var remote: Double
        public var received: Double
        public init(sent: Double, remote: Double, received: Double) {
            self.sent = sent
            self.remote = remote
            self.received = received
        }
    }

    /// (offset, uncertainty) in seconds; nil without a usable exchange.
    public static func estimate(_ exchanges: [Exchange]) -> (offset: Double, uncertainty: Double)? {
        guard
            let best = exchanges.filter({ $0.received >= $0.sent }).min(by: {
                ($0.received - $0.sent) < ($1.received - $1.sent)
            })
        else { return nil }
        let midpoint = (best.sent + best.received) / 2
        return (best.remote - midpoint, (best.received - best.sent) / 2)
    }
}
