import BattleCore
import Foundation
import Testing

@testable import BattleLoad

/// An agent's spec as the engine's configuration, and the agents' pacers
/// (each split over its event loops) making the level's one schedule.
@Suite("Agent share as a load configuration")
struct AgentConfigurationTests {
    static func spec(index: Int, agents: Int, rate: Double?, connections: Int = 10) -> AgentSpec {
        let target = LoadTarget(
            url: TargetURL(host: "127.0.0.1", port: 8080, pathAndQuery: "/orders"), method: "POST",
            headers: [.init(name: "Content-Type", value: "application/json")], bodies: [Array("{\"n\":1}".utf8)],
            weight: 2)
        let c = LoadConfiguration(
            targets: [target], connections: connections, threads: 1, duration: 30, warmup: 2, timeout: 5, rate: rate)
        return AgentSpec(
            index: index, agents: agents, load: AgentLoad(c, threadsPerAgent: nil, intervalSeconds: 1),
            histogram: .latency)
    }

    @Test func theSpecCarriesTheTargetsBackIntact() throws {
        let c = try Self.spec(index: 1, agents: 3, rate: 3000).configuration(cpus: 2)
        #expect(c.connections == 3)
        #expect(c.threads == 2)
        #expect(c.rate == 1000)
        #expect(abs(c.scheduleOffset - 1.0 / 3000) < 1e-12)
        #expect(c.interval == 1)
        #expect(c.warmup == 2 && c.timeout == 5 && c.duration == 30)
        let t = try #require(c.targets.first)
        #expect(t.url.description == "http://127.0.0.1:8080/orders")
        #expect(t.method == "POST" && t.weight == 2 && t.name == "POST /orders")
        #expect(t.headers == [.init(name: "Content-Type", value: "application/json")])
        #expect(t.bodies == [Array("{\"n\":1}".utf8)])
    }

    @Test func aShareTooSmallForItsLoopsIsRefused() {
        // 3 connections over 2 agents: agent 1 gets 1 connection, one loop even on 4 CPUs.
        #expect((try? Self.spec(index: 1, agents: 2, rate: nil, connections: 3).configuration(cpus: 4))?.threads == 1)
        #expect(throws: AgentSpec.Invalid.self) {
            try Self.spec(index: 0, agents: 4, rate: nil, connections: 3).configuration(cpus: 1)
        }
    }

    @Test func theAgentsPacersTogetherPlanTheLevelsSchedule() throws {
        // 3 agents of 2 event loops each at 6000 req/s in total: every planned
        // time of every loop of every agent, together, is start + k/6000, each once.
        let agents = 3
        let loops = 2
        let start: UInt64 = 1_000_000_000
        var planned: [UInt64] = []
        for i in 0..<agents {
            let c = try Self.spec(index: i, agents: agents, rate: 6000).configuration(cpus: loops)
            #expect(c.threads == loops)
            for l in 0..<loops {
                var p = Pacer(
                    rate: c.rate!, loopIndex: l, loopCount: loops, start: start + UInt64(c.scheduleOffset * 1e9))
                for _ in 0..<200 { planned.append(p.take()) }
            }
        }
        planned.sort()
        let gap = 1e9 / 6000
        for (k, t) in planned.enumerated() {
            #expect(abs(Double(t) - (Double(start) + Double(k) * gap)) <= 2, "slot \(k)")
        }
    }

    @Test func busyCPUsAreReadFromProcStat() throws {
        let before = CPUBusy.parse(
            "cpu  10 0 10 80 0 0 0 0 0 0\ncpu0 5 0 5 40 0 0 0 0 0 0\ncpu1 5 0 5 40 0 0 0 0 0 0\nintr 1\n", cpus: [1])
        // CPU 1: 95 of the next 100 ticks busy (another process, say), CPU 0 idle.
        let after = CPUBusy.parse(
            "cpu  10 0 10 80 0 0 0 0 0 0\ncpu0 5 0 5 140 0 0 0 0 0 0\ncpu1 90 0 15 45 0 0 0 0 0 0\n", cpus: [1])
        let busy = try #require(after.busyFraction(since: before))
        #expect(abs(busy - 0.95) < 1e-9)
        #expect(AgentAssessment.isGeneratorBound(cpuCores: 0.01, usableCores: 1, cpusBusy: busy))
        #expect(!AgentAssessment.isGeneratorBound(cpuCores: 0.01, usableCores: 1, cpusBusy: 0.5))
        #expect(CPUBusy.read(cpus: CPUAffinity.cpuList()) != nil, "this machine's /proc/stat")
        #expect(CPUAffinity.cpuList().count == CPUAffinity.availableCPUs())
    }
}
