import BattleCore
import Foundation
import Testing

@testable import BattleArena

/// The run's judgements about measured values, without processes: client-bound,
/// disturbed, the most telling exit, and the one trial bookkeeping of every level kind.
struct JudgementTests {
    let policy = RunPolicy.standard
    /// Server on CPUs 0-3, load generator on 4-5.
    let placement = CPUPlacement(server: CPUSet([0, 1, 2, 3]), client: CPUSet([4, 5]), database: CPUSet([6]))

    func summary(seconds: Double = 10, clientCPUSeconds: Double? = nil) -> LoadSummary {
        LoadSummary(
            config: LoadConfigRecord(
                targets: ["http://127.0.0.1:1/json"], connections: 64, threads: 2, pipeline: 1,
                durationSeconds: seconds, requestLimit: nil, warmupSeconds: 0, timeoutSeconds: 5, rate: nil),
            startedAt: Date(timeIntervalSince1970: 0), durationSeconds: seconds, requests: 1000,
            requestsPerSecond: 1000 / seconds, bytesRead: 0, statusCodes: ["200": 1000], errors: ErrorCounts(),
            reconnects: 0, latency: .empty, endpoints: [],
            client: clientCPUSeconds.map { ClientUsage(userSeconds: $0, systemSeconds: 0, peakRSSBytes: nil) })
    }

    func machine(clientBusy: Double = 0.2, foreign: Double? = nil) -> MachineLoad {
        MachineLoad(serverCPUsBusy: 0.5, clientCPUsBusy: clientBusy, foreignServerCores: foreign)
    }

    // MARK: the policy

    @Test func standardPolicyThresholds() {
        #expect(policy.clientBoundShare == 0.9)
        #expect(policy.disturbedShare == 0.1)
    }

    // MARK: client cores and client-bound

    @Test func clientCoresFromTheSummaryOverTheMeasuredWindow() {
        let s = summary(seconds: 10, clientCPUSeconds: 15)
        let t = Termination(status: 0, signal: nil, userSeconds: 100, systemSeconds: 0)
        #expect(LoadAssessment.clientCores(s, termination: t, wallSeconds: 20) == 1.5)
    }

    @Test func clientCoresFallBackToTheChildsCPUTimeOverItsWholeRun() {
        let t = Termination(status: 0, signal: nil, userSeconds: 6, systemSeconds: 2)
        #expect(LoadAssessment.clientCores(summary(), termination: t, wallSeconds: 16) == 0.5)
        #expect(LoadAssessment.clientCores(summary(), termination: nil, wallSeconds: 16) == nil)
        #expect(LoadAssessment.clientCores(summary(), termination: t, wallSeconds: 0) == nil)
    }

    @Test func clientBoundAtNinetyPercentOfTheLoadGeneratorsCPUs() {
        // 2 client CPUs: 1.8 cores is 90%.
        func bound(_ cores: Double?) -> Bool {
            LoadAssessment.isClientBound(clientCores: cores, machine: nil, clientCPUs: 2, policy: policy)
        }
        #expect(bound(1.8))
        #expect(bound(2.0))
        #expect(!bound(1.79))
        #expect(!bound(nil))
    }

    @Test func clientBoundWhenItsCPUsAreNinetyPercentBusyInAll() {
        func bound(_ busy: Double) -> Bool {
            LoadAssessment.isClientBound(
                clientCores: 0.1, machine: machine(clientBusy: busy), clientCPUs: 2, policy: policy)
        }
        #expect(bound(0.9))
        #expect(!bound(0.89))
    }

    @Test func assessmentJudgesTheSummary() {
        let busy = LoadAssessment.assess(
            summary(seconds: 10, clientCPUSeconds: 19), termination: nil, wallSeconds: 12, cpuTimes: nil,
            serverCores: nil, placement: placement, policy: policy)
        #expect(busy == LoadAssessment(clientCores: 1.9, machine: nil, clientBound: true))
        let idle = LoadAssessment.assess(
            summary(seconds: 10, clientCPUSeconds: 5), termination: nil, wallSeconds: 12, cpuTimes: nil,
            serverCores: nil, placement: placement, policy: policy)
        #expect(idle == LoadAssessment(clientCores: 0.5, machine: nil, clientBound: false))
    }

    // MARK: disturbed

    @Test func disturbedAtTenPercentOfTheServersCPUs() {
        // 4 server CPUs: 0.4 foreign cores is 10%.
        func foreign(_ cores: Double?) -> Double? {
            LoadAssessment.disturbance(machine: machine(foreign: cores), serverCPUs: 4, policy: policy)
        }
        #expect(foreign(0.4) == 0.4)
        #expect(foreign(1.0) == 1.0)
        #expect(foreign(0.39) == nil)
        #expect(foreign(nil) == nil)
        #expect(LoadAssessment.disturbance(machine: nil, serverCPUs: 4, policy: policy) == nil)
    }

    // MARK: the most telling exit

    let clean = ExitRecord(status: 0, signal: nil, killed: false, unexpected: false)
    let nonZero = ExitRecord(status: 3, signal: nil, killed: false, unexpected: false)
    let signalled = ExitRecord(status: nil, signal: 15, killed: false, unexpected: false)
    let killed = ExitRecord(status: nil, signal: 9, killed: true, unexpected: false)
    let crashed = ExitRecord(status: nil, signal: 11, killed: false, unexpected: true)

    @Test func severityOrdersExits() {
        #expect(ExitSeverity.of(nil) < ExitSeverity.of(clean))
        #expect(ExitSeverity.of(clean) < ExitSeverity.of(nonZero))
        #expect(ExitSeverity.of(nonZero) == ExitSeverity.of(signalled))
        #expect(ExitSeverity.of(nonZero) < ExitSeverity.of(killed))
        #expect(ExitSeverity.of(killed) < ExitSeverity.of(crashed))
    }

    @Test func theRecordKeepsTheMostTellingExitOfAllStarts() {
        #expect(ExitSeverity.mostTelling(kept: nil, latest: clean) == clean)
        #expect(ExitSeverity.mostTelling(kept: crashed, latest: clean) == crashed)
        #expect(ExitSeverity.mostTelling(kept: killed, latest: nonZero) == killed)
        #expect(ExitSeverity.mostTelling(kept: nonZero, latest: killed) == killed)
        #expect(ExitSeverity.mostTelling(kept: killed, latest: crashed) == crashed)
        // A tie: the later start's exit.
        #expect(ExitSeverity.mostTelling(kept: nonZero, latest: signalled) == signalled)
    }

    // MARK: one trial bookkeeping for every level kind

    func level(_ kind: LevelKind) -> LevelSpec {
        switch kind {
        case .peak: LevelSpec(test: .json, connections: 64)
        case .equalRate: LevelSpec(test: .json, connections: 64, rate: 5000, kind: .equalRate)
        case .capacityStep: LevelSpec(test: .json, connections: 64, rate: 5000, kind: .capacityStep)
        case .largeHeap: LevelSpec(test: .orders, connections: 64, liveHeapMB: 512)
        }
    }

    func contender() -> ContenderResult {
        var c = ContenderResult(
            name: "x", displayName: "X", language: "X", framework: "x", approach: "realistic", status: .ok)
        c.runtime = RuntimeRecord(workersGiven: 4, cpuLimitCores: nil, peakThreads: 3)
        return c
    }

    func usage(threads: Int) -> ResourceUsage {
        ResourceUsage(
            cpuSeconds: 20, cpuCores: 2, peakRSSBytes: 1 << 20, steadyRSSBytes: 1 << 20, maxThreads: threads,
            samples: [])
    }

    @Test(arguments: LevelKind.allCases)
    func everyLevelKindRecordsTheSameWay(kind: LevelKind) {
        let spec = level(kind)
        var run = LoadRun()
        run.usage = usage(threads: 9)
        run.clientCores = 1.9
        run.clientBound = true
        run.machine = machine(clientBusy: 0.95, foreign: 0.8)
        run.samplesStartSeconds = 0.25
        var result = contender()
        var book = TrialBook()
        let throttling = Throttling(periods: 10, throttledPeriods: 2, throttledSeconds: 0.5)
        let t = TrialRecorder.record(
            MeasuredTrial(contender: "x", level: spec, number: 1, summary: summary(), run: run, throttling: throttling),
            into: &result, book: &book, placement: placement, policy: policy)

        #expect(t.clientBound)
        #expect(t.throttling == throttling)
        #expect(t.samplesStartSeconds == 0.25)
        #expect(t.error == nil)
        let recorded = result.result(for: spec.test)?.levels.first { $0.label == spec.label }
        #expect(recorded?.kind == kind)
        #expect(recorded?.trials.count == 1)
        #expect(recorded?.summary.clientBoundTrials == 1)
        #expect(result.runtime?.peakThreads == 9)
        #expect(book.trials == 1)
        #expect(book.clientBound.map(\.kind) == [kind])
        #expect(book.disturbed.count == 1)
    }

    @Test func aQuietTrialIsNeitherClientBoundNorDisturbed() {
        var run = LoadRun()
        run.usage = usage(threads: 2)
        run.machine = machine(clientBusy: 0.3, foreign: 0.1)
        var result = contender()
        var book = TrialBook()
        TrialRecorder.record(
            MeasuredTrial(
                contender: "x", level: level(.peak), number: 2, summary: summary(), run: run, throttling: nil),
            into: &result, book: &book, placement: placement, policy: policy)
        #expect(book == TrialBook(trials: 1, clientBound: [], disturbed: []))
        #expect(result.runtime?.peakThreads == 3)
        #expect(result.result(for: .json)?.levels.first?.trials.first?.trial == 2)
    }

    @Test func aServerThatDiedOrHungMarksTheTrial() {
        var run = LoadRun()
        run.serverExit = Termination(status: nil, signal: 9, userSeconds: 0, systemSeconds: 0)
        var result = contender()
        var book = TrialBook()
        let died = TrialRecorder.record(
            MeasuredTrial(
                contender: "x", level: level(.capacityStep), number: 1, summary: summary(), run: run, throttling: nil),
            into: &result, book: &book, placement: placement, policy: policy)
        #expect(died.error?.hasPrefix("the server exited during the trial") == true)
        run.serverExit = nil
        run.hung = true
        let hung = TrialRecorder.record(
            MeasuredTrial(
                contender: "x", level: level(.peak), number: 1, summary: summary(), run: run, throttling: nil),
            into: &result, book: &book, placement: placement, policy: policy)
        #expect(hung.error == "the server stopped answering during the trial")
    }

    @Test func trialsOfOneLevelGatherAndTestsStayInSuiteOrder() {
        var result = contender()
        var book = TrialBook()
        for (test, n) in [(SuiteTest.orders, 1), (.json, 1), (.json, 2)] {
            TrialRecorder.record(
                MeasuredTrial(
                    contender: "x", level: LevelSpec(test: test, connections: 64), number: n, summary: summary(),
                    run: LoadRun(), throttling: nil),
                into: &result, book: &book, placement: placement, policy: policy)
        }
        #expect(result.tests.map(\.test) == [.json, .orders])
        #expect(result.result(for: .json)?.levels.first?.trials.map(\.trial) == [1, 2])
        #expect(book.trials == 3)
    }

    // MARK: the run's notices

    @Test func noticesNameTheThresholdsAndCountEveryTrial() {
        let book = TrialBook(
            trials: 5, clientBound: [ClientBoundTrial(kind: .peak, text: "x json c=64 trial 1")],
            disturbed: ["x json c=64 trial 2 (0.50 cores)"])
        let notices = book.notices(placement: placement, policy: policy)
        #expect(notices.count == 2)
        #expect(notices[0].note.hasPrefix("1 of 5 trials were client-bound"))
        #expect(notices[0].note.contains("were 90% busy or more"))
        #expect(notices[1].note.hasPrefix("in 1 of 5 trials other processes used at least 10% of the server's CPUs"))
        #expect(TrialBook(trials: 5).notices(placement: placement, policy: policy).isEmpty)
    }

    @Test func noticesListTheFirstTrialsOnly() {
        let many = (1...11).map { "t\($0)" }
        #expect(TrialBook.list(many, first: 10) == (1...10).map { "t\($0)" }.joined(separator: ", ") + ", ...")
        #expect(TrialBook.list(["a", "b"], first: 10) == "a, b")
    }
}
