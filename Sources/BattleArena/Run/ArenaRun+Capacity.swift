import BattleCore
import Foundation

extension ArenaRun {
    /// Searches, for each capacity test, the highest open-loop rate meeting the SLO.
    /// With `resume` (the database failed and was restarted), from that
    /// test on; the interrupted search starts over, its steps dropped.
    func capacitySession(_ id: SlotID, slo: SLO, resume: ResumePoint? = nil) async throws {
        let name = slots[id].result.name
        let tests = slots[id].capacityTests.filter { resume == nil || $0 >= resume!.test }
        guard !tests.isEmpty else { return }
        if let r = resume, tests.contains(r.test),
            let ti = slots[id].result.tests.firstIndex(where: { $0.test == r.test })
        {
            slots[id].result.tests[ti].levels.removeAll { $0.kind == .capacityStep }
            slots[id].result.capacity.removeAll { $0.test == r.test }
        }
        say("\(name): capacity under \(slo.description): starting")
        try await withServer(id, liveHeapMB: 0) { session in
            for test in tests {
                self.applyBudget(for: test, in: session)
                guard try await self.warmUp(session, test, connections: self.profile.capacityConnections)
                else { return .failed }
                let peak = self.slots[id].result.result(for: test)?.bestLevel?.summary.requestsPerSecond.median
                var search = CapacitySearch(
                    slo: slo, startRate: (peak ?? 2000) * self.profile.capacityStartFraction,
                    maxSteps: self.profile.capacityMaxSteps)
                search.growth = self.profile.capacityGrowth
                var steps: [CapacityStep] = []
                var usageByRate: [Double: ResourceUsage] = [:]
                var failed = false
                while let rate = search.next(after: steps) {
                    let spec = LevelSpec(
                        test: test, connections: self.profile.capacityConnections, rate: rate, kind: .capacityStep)
                    self.say("\(name): \(test.rawValue) capacity: trying \(Format.count(rate)) req/s")
                    let before = session.cgroup?.throttling()
                    let r = try await self.runLoad(
                        spec, session: session, seconds: self.profile.capacityStepSeconds,
                        warmup: self.profile.levelWarmupSeconds, sample: true)
                    if let s = r.summary {
                        let throttling = before.flatMap { b in session.cgroup?.throttling().map { $0.since(b) } }
                        self.recordTrial(
                            id,
                            MeasuredTrial(
                                contender: name, level: spec, number: 1, summary: s, run: r, throttling: throttling))
                        var step = search.step(rate: rate, load: s)
                        step.clientBound = r.clientBound ? true : nil
                        steps.append(step)
                        usageByRate[rate] = r.usage
                        self.say(
                            "\(name): \(test.rawValue) at \(Format.count(rate)) req/s: p\(Format.significant(slo.percentile)) \(Format.micros(step.latencyMicros)), errors \(Format.fixed(step.errorRate * 100, 2))%\(s.schedule?.fellBehind == true ? ", schedule not kept" : ""): \(step.met ? "met" : "missed")"
                        )
                    }
                    if self.handleFailure(
                        session, r, during: "the \(test.rawValue) capacity search at \(Int(rate)) req/s")
                    {
                        failed = true
                        break
                    }
                    if r.summary == nil { break }
                }
                let best = search.sustained(steps)
                self.slots[id].result.capacity.append(
                    CapacityResult(
                        test: test, slo: slo.description, sustainedRate: best?.rate ?? 0,
                        latencyMicrosAtRate: best?.latencyMicros,
                        cpuCoresAtRate: best.flatMap { usageByRate[$0.rate]?.cpuCores },
                        peakRSSBytesAtRate: best.flatMap { usageByRate[$0.rate]?.peakRSSBytes }, steps: steps))
                if failed { return .failed }
                self.say(
                    "\(name): \(test.rawValue) sustains \(best.map { Format.count($0.rate) } ?? "no rate tried") req/s under \(slo.description)"
                )
            }
            return .completed
        }
    }
}
