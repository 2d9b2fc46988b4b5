import BattleCore
import Foundation

extension ArenaRun {
    /// Round `round` of the equal-rate levels: one trial of every planned
    /// test at its equal rate, each after the level warm-up at that rate.
    /// With `resume`, from that test on (the database failed and was restarted).
    func equalRateSession(_ id: SlotID, round: Int, rates: [EqualRate], resume: ResumePoint? = nil) async throws {
        let levels =
            rates
            .filter { slots[id].tests.contains($0.test) && (resume == nil || $0.test >= resume!.test) }
            .map { profile.equalRateLevel(for: $0.test, rate: $0.rate) }
        guard !levels.isEmpty else { return }
        say("\(slots[id].result.name): equal rates, round \(round + 1)/\(profile.trials): starting")
        try await withServer(id, liveHeapMB: 0) { session in
            for level in levels {
                self.applyBudget(for: level.test, in: session)
                let warmup = self.profile.levelWarmupSeconds
                guard try await self.trial(session, level, round: round, warmup: warmup) else {
                    return .failed
                }
            }
            return .completed
        }
    }
}
