import BattleCore

/// One measured trial of any level kind (peak, runtime, equal-rate, heap,
/// capacity step) as the load generator gave it, before it is recorded.
struct MeasuredTrial: Sendable {
    var contender: String
    var level: LevelSpec
    /// 1-based; a capacity step is always trial 1 of its level.
    var number: Int
    var summary: LoadSummary
    var run: LoadRun
    /// The contender's cgroup throttling over the trial, when it has a budget.
    var throttling: Throttling?
}

/// The one bookkeeping every measured trial goes through: the trial into
/// its level (created on first use), the peak thread count, the errors, and
/// the client-bound and disturbed judgements into the run's `TrialBook`.
/// Pure: the run passes its values in and keeps what comes out.
enum TrialRecorder {
    @discardableResult
    static func record(
        _ m: MeasuredTrial, into result: inout ContenderResult, book: inout TrialBook, placement: CPUPlacement,
        policy: RunPolicy
    ) -> TrialResult {
        let r = m.run
        var t = TrialResult(
            trial: m.number, load: m.summary, server: r.usage, clientBound: r.clientBound, machine: r.machine)
        t.samplesStartSeconds = r.samplesStartSeconds
        t.hdrLog = r.hdrLog
        t.probe = r.probe
        t.throttling = m.throttling
        if let exit = r.serverExit { t.error = "the server exited during the trial (\(exit.description))" }
        if r.hung { t.error = "the server stopped answering during the trial" }
        // A level run by load agents (battle run --hosts) is judged by them.
        let agents = AgentJudgement.judge(m.summary.standing)
        if agents.notRanked { t.clientBound = true }
        if t.error == nil { t.error = agents.error }
        if let threads = r.usage?.maxThreads, var runtime = result.runtime {
            runtime.peakThreads = max(runtime.peakThreads ?? 0, threads)
            result.runtime = runtime
        }
        append(t, level: m.level, to: &result)
        book.trials += 1
        let name =
            "\(m.contender) \(m.level.test.rawValue) \(m.level.label)\(m.level.kind == .capacityStep ? "" : " trial \(m.number)")"
        if let reason = agents.reason {
            book.clientBound.append(ClientBoundTrial(kind: m.level.kind, text: "\(name) (\(reason))", byAgents: true))
        } else if r.clientBound {
            let own = Format.fixed((r.clientCores ?? 0) * 100 / Double(max(placement.client.count, 1)), 0)
            let all = r.machine.map { ", \(Format.fixed($0.clientCPUsBusy * 100, 0))% busy in all" } ?? ""
            book.clientBound.append(
                ClientBoundTrial(kind: m.level.kind, text: "\(name) (load generator \(own)%\(all))"))
        }
        if let foreign = LoadAssessment.disturbance(
            machine: r.machine, serverCPUs: placement.server.count, policy: policy)
        {
            book.disturbed.append("\(name) (\(Format.fixed(foreign, 2)) cores)")
        }
        return t
    }

    /// Appends a trial to its level, creating the test and level on first use.
    static func append(_ trial: TrialResult, level: LevelSpec, to result: inout ContenderResult) {
        var tests = result.tests
        var ti = tests.firstIndex { $0.test == level.test }
        if ti == nil {
            tests.append(TestResult(test: level.test, levels: []))
            // Built-ins in suite order, a data suite's tests in the order they ran (its file's).
            let order = SuiteTest.ordered(tests.map(\.test))
            tests.sort { order.firstIndex(of: $0.test)! < order.firstIndex(of: $1.test)! }
            ti = tests.firstIndex { $0.test == level.test }
        }
        var levels = tests[ti!].levels
        var li = levels.firstIndex { $0.label == level.label }
        if li == nil {
            levels.append(level.emptyResult())
            li = levels.count - 1
        }
        levels[li!].trials.append(trial)
        levels[li!].summarize()
        tests[ti!].levels = levels
        result.tests = tests
    }
}
