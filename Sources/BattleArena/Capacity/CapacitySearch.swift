import BattleCore

/// Finds the highest open-loop rate that meets an SLO. Pure: it proposes the
/// next rate from the steps taken so far; the arena runs it and reports back.
///
/// It starts at `startRate` (half the best closed-loop throughput of the
/// test when known), grows by `growth` while rates meet the SLO, halves while
/// they do not, and once it has a met rate below a missed one it bisects
/// between them until they are within `precision` of each other or
/// `maxSteps` rates were tried.
public struct CapacitySearch: Sendable, Equatable {
    public var slo: SLO
    public var startRate: Double
    public var maxSteps: Int
    public var growth: Double = 1.5
    /// Stop when (lowest missed - highest met) / highest met is at most this.
    public var precision: Double = 0.05
    /// Below this rate (requests/s) the search gives up: nothing meets the SLO.
    public var minRate: Double = 10

    public init(slo: SLO, startRate: Double, maxSteps: Int) {
        self.slo = slo
        self.startRate = max(startRate.rounded(), 1)
        self.maxSteps = maxSteps
    }

    /// One open-loop run judged by the SLO's rule (`SLO.judge`).
    public func step(rate: Double, load: LoadSummary) -> CapacityStep {
        let j = slo.judge(load)
        return CapacityStep(rate: rate, latencyMicros: j.latencyMicros, errorRate: j.errorRate, met: j.met)
    }

    /// The next rate to try, or nil when the search is over.
    public func next(after steps: [CapacityStep]) -> Double? {
        guard steps.count < maxSteps else { return nil }
        guard !steps.isEmpty else { return startRate }
        let best = sustained(steps)?.rate
        let missedAbove = steps.filter { !$0.met && $0.rate > (best ?? 0) }.map(\.rate).min()
        let candidate: Double
        switch (best, missedAbove) {
        case (nil, let missed?):
            candidate = (missed / 2).rounded()
            guard candidate >= minRate else { return nil }
        case (let met?, nil):
            candidate = (met * growth).rounded()
        case (let met?, let missed?):
            guard (missed - met) / met > precision else { return nil }
            candidate = ((met + missed) / 2).rounded()
        case (nil, nil):
            return nil
        }
        // A rate already tried teaches nothing new.
        return steps.contains { $0.rate == candidate } ? nil : candidate
    }

    /// The highest rate that met the SLO.
    public func sustained(_ steps: [CapacityStep]) -> CapacityStep? {
        steps.filter(\.met).max { $0.rate < $1.rate }
    }
}
