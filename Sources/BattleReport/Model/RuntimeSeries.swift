import BattleCore

/// The runtime levels of a run and what each contender's pause probe and
/// interval series showed at them: the model behind the "Runtime behaviour"
/// charts, lines and findings. Pure.
///
/// A runtime level is a large-heap level, or any level at which the pause
/// probe ran (by default the equal-rate levels too); levels are grouped by
/// test and label, so every contender's trial of one level sits together.
struct RuntimeLevel {
    let test: SuiteTest
    let label: String
    let kind: LevelKind
    /// One entry per contender that measured the level, in results order.
    let members: [RuntimeMember]

    var title: String { "\(test.rawValue) \(label)" }
}

/// One contender at one runtime level: every trial, and the one the charts draw.
struct RuntimeMember {
    let contender: ContenderResult
    let level: LevelResult

    var trials: [TrialResult] { level.trials }

    /// The trial the charts draw: the one with the highest probe maximum (a
    /// pause chart is for the worst case), or the last trial without a probe.
    var shown: TrialResult? {
        let probed = trials.filter { $0.probe != nil }
        return probed.max { $0.probe!.latency.maxMicros < $1.probe!.latency.maxMicros } ?? trials.last
    }

    /// Highest probe maximum over the trials.
    var probeMax: Double? { trials.compactMap { $0.probe?.latency.maxMicros }.max() }

    /// Median over the trials of the probe's p99.9.
    var probeP999: Double? {
        let v = trials.compactMap { $0.probe?.latency.p999 }
        return v.isEmpty ? nil : Statistics.median(v)
    }

    /// The largest interval-to-interval p99 rise of the level's own load, over its trials.
    var largestJump: (trial: Int, jump: IntervalJump)? {
        var best: (Int, IntervalJump)?
        for t in trials {
            guard let j = IntervalJump.largestP99(t.load.intervals ?? []) else { continue }
            if best == nil || j.riseMicros > best!.1.riseMicros { best = (t.trial, j) }
        }
        return best
    }

    /// Periodic stalls in the probe's series, when at least half of the probed
    /// trials show them: the median period and the trials that did.
    var periodicStalls: (period: Double, spikeMicros: Double, baselineMicros: Double, trials: Int, of: Int)? {
        let probed = trials.compactMap { $0.probe?.intervals }
        let found = probed.compactMap { PeriodicStalls.detect($0) }
        guard !probed.isEmpty, !found.isEmpty, found.count * 2 >= probed.count else { return nil }
        return (
            Statistics.median(found.map(\.periodSeconds)), Statistics.median(found.map(\.typicalSpikeMicros)),
            Statistics.median(found.map(\.baselineMicros)), found.count, probed.count
        )
    }
}

extension ReportModel {
    /// Every runtime level, in suite order, large-heap levels first within a test.
    var runtimeLevels: [RuntimeLevel] {
        var out: [RuntimeLevel] = []
        for test in measuredTests {
            var labels: [(String, LevelKind)] = []
            for c in contenders {
                for l in c.result(for: test)?.levels ?? [] where !l.trials.isEmpty {
                    let runtime = l.kind == .largeHeap || l.trials.contains { $0.probe != nil }
                    if runtime, !labels.contains(where: { $0.0 == l.label }) { labels.append((l.label, l.kind)) }
                }
            }
            labels.sort { ($0.1 == .largeHeap ? 0 : 1) < ($1.1 == .largeHeap ? 0 : 1) }
            for (label, kind) in labels {
                let members = contenders.compactMap { c in
                    c.result(for: test)?.levels.first { $0.label == label && !$0.trials.isEmpty }.map {
                        RuntimeMember(contender: c, level: $0)
                    }
                }
                out.append(RuntimeLevel(test: test, label: label, kind: kind, members: members))
            }
        }
        return out
    }

    /// One line per contender that ran the pause probe: its highest probe
    /// maximum (at which level), the median p99.9 there, and the largest
    /// interval-to-interval p99 jump of its runtime levels' own load.
    func runtimeLines() -> [String] {
        let levels = runtimeLevels
        var out: [String] = []
        for c in contenders {
            let mine = levels.compactMap { l in l.members.first { $0.contender.name == c.name }.map { (l, $0) } }
            guard mine.contains(where: { $0.1.probeMax != nil || $0.1.largestJump != nil }) else { continue }
            var parts: [String] = []
            if let (level, member) = mine.filter({ $0.1.probeMax != nil }).max(by: { $0.1.probeMax! < $1.1.probeMax! })
            {
                parts.append(
                    "pause probe max \(NumberText.micros(member.probeMax!)), p99.9 \(member.probeP999.map(NumberText.micros) ?? NumberText.none) (\(level.title))"
                )
            } else {
                parts.append("no pause probe")
            }
            let jumps = mine.compactMap { l, m in m.largestJump.map { (l, $0) } }
            if let (level, j) = jumps.max(by: { $0.1.jump.riseMicros < $1.1.jump.riseMicros }) {
                parts.append(
                    "largest p99 jump +\(NumberText.micros(j.jump.riseMicros)) (\(NumberText.micros(j.jump.fromMicros)) → \(NumberText.micros(j.jump.toMicros)) at \(Axes.number(j.jump.atSeconds)) s, \(level.title) trial \(j.trial))"
                )
            }
            out.append("\(c.label): " + parts.joined(separator: "; "))
        }
        return out
    }

    /// "go's pause probe shows periodic stalls ..." for each contender and runtime level where it does.
    func periodicStallFindings() -> [String] {
        var out: [String] = []
        for level in runtimeLevels {
            for m in level.members {
                guard let p = m.periodicStalls else { continue }
                out.append(
                    "\(m.contender.label)'s pause probe shows periodic stalls at \(level.title): spikes to \(NumberText.micros(p.spikeMicros)) (typical interval maximum \(NumberText.micros(p.baselineMicros))) about every \(Format.fixed(p.period, 1)) s, in \(p.trials) of \(p.of) trial\(p.of == 1 ? "" : "s")."
                )
            }
        }
        return out
    }
}
