import BattleCore
import Foundation
import Testing

@testable import BattleArena

@Suite struct ProcTests {
    // A real /proc/PID/stat line, with a command name holding spaces and parentheses.
    static let line = "4242 (my (odd) server) S 4200 4242 4242 0 -1 4194560 1234 0 0 0 150 50 0 0 20 0 7 0 123456 98765432 2048 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 0 0 0 0 0 0"

    @Test func parsesStatLines() throws {
        let s = try #require(ProcStat.parse(Self.line))
        #expect(s.pid == 4242)
        #expect(s.state == "S")
        #expect(s.ppid == 4200)
        #expect(s.pgrp == 4242)
        #expect(s.cpuTicks == 200)
        #expect(s.threads == 7)
        #expect(s.rssPages == 2048)
        #expect(ProcStat.parse("garbage") == nil)
    }

    @Test func buildsTheTreeFromParentLinks() {
        func p(_ pid: Int32, _ ppid: Int32, _ state: Character = "S") -> ProcStat {
            ProcStat(pid: pid, state: state, ppid: ppid, pgrp: 1, cpuTicks: 0, threads: 1, rssPages: 1)
        }
        let table = ProcTable(processes: [1: p(1, 0), 10: p(10, 1), 11: p(11, 10), 12: p(12, 11), 13: p(13, 10, "Z"), 20: p(20, 1)])
        #expect(Set(table.tree(root: 10).map(\.pid)) == [10, 11, 12])
        #expect(table.tree(root: 99).isEmpty)
    }

    @Test func readsThisProcess() throws {
        let table = ProcTable.read()
        let me = try #require(table.processes[getpid()])
        #expect(me.ppid == getppid())
        #expect(me.threads >= 1)
        #expect(me.rssPages > 0)
    }

    @Test func accumulatesCPUAcrossProcessesThatComeAndGo() throws {
        func p(_ pid: Int32, ticks: UInt64, rss: Int, threads: Int = 2) -> ProcStat {
            ProcStat(pid: pid, state: "S", ppid: 1, pgrp: 1, cpuTicks: ticks, threads: threads, rssPages: rss)
        }
        var acc = ResourceAccumulator(ticksPerSecond: 100, pageSize: 4096)
        acc.add([p(1, ticks: 1000, rss: 100)], at: 10.0)  // baseline: 1000 ticks used before the window
        acc.add([p(1, ticks: 1050, rss: 200), p(2, ticks: 10, rss: 50)], at: 10.5)  // a child born in the window counts in full
        acc.add([p(1, ticks: 1100, rss: 150)], at: 11.0)  // the child exited: it keeps its 10 ticks
        let u = try #require(acc.usage)
        #expect(u.cpuSeconds == 1.1)  // (100 + 10) ticks
        #expect(abs(u.cpuCores - 1.1) < 1e-9)
        #expect(u.peakRSSBytes == 250 * 4096)
        #expect(u.steadyRSSBytes == 150 * 4096)
        #expect(u.maxThreads == 4)
        #expect(u.samples.map(\.t) == [0, 0.5, 1.0])
        let scaled = try #require(acc.usage(scaledTo: 2))
        #expect(abs(scaled.cpuSeconds - 2.2) < 1e-9)

        var one = ResourceAccumulator()
        one.add([p(1, ticks: 1, rss: 1)], at: 0)
        #expect(one.usage == nil)
    }
}

@Suite struct CPUTimesTests {
    static let before = """
        cpu  300 0 100 1000 0 0 0 0 0 0
        cpu0 100 0 50 500 0 0 0 0 0 0
        cpu1 200 0 50 500 0 0 0 0 0 0
        intr 12345
        """
    static let after = """
        cpu  500 0 100 1200 0 0 0 0 0 0
        cpu0 180 0 50 520 0 0 0 0 0 0
        cpu1 320 0 50 680 0 0 0 0 0 0
        """

    @Test func parsesPerCPUCounters() {
        let t = CPUTimes.parse(Self.before)
        #expect(t.cpus.keys.sorted() == [0, 1])
        #expect(t.cpus[0] == CPUTimes.Counters(busy: 150, total: 650))
    }

    @Test func busyShareAndForeignLoad() throws {
        let a = CPUTimes.parse(Self.before)
        let b = CPUTimes.parse(Self.after)
        #expect(b.busy(since: a, on: CPUSet([0])) == 0.8)  // 80 busy of 100
        #expect(b.busy(since: a, on: CPUSet([1])) == 0.4)  // 120 of 300
        #expect(b.busy(since: a, on: CPUSet([7])) == nil)
        let placement = CPUPlacement(server: CPUSet([0]), client: CPUSet([1]), database: CPUSet([1]))
        let m = try #require(CPUTimes.machineLoad(from: a, to: b, placement: placement, serverCores: 0.5))
        #expect(m.serverCPUsBusy == 0.8 && m.clientCPUsBusy == 0.4)
        #expect(abs((m.foreignServerCores ?? 0) - 0.3) < 1e-9)
        #expect(CPUTimes.read()?.cpus.isEmpty == false)
    }
}
