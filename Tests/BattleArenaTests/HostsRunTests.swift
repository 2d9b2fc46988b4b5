import BattleCore
import Foundation
import Testing

@testable import BattleArena

/// `battle run --hosts`: the agents' commands from a hosts file, a level as
/// the agents are asked for it, and a merged level recorded like any other
/// trial, its agents' judgement flowing into the level (issue 20). Pure.
@Suite struct HostsRunTests {
    static let text = """
        schema = 1
        [[client]]
        local = true
        cpus = "1"
        [[client]]
        ssh = "root@10.213.7.13"
        port = 2222
        identity = "/keys/id"
        battle = "/opt/battle dir/battle"
        cpus = "0-1"
        [server]
        local = true
        cpus = "0"
        [database]
        local = true
        cpus = "2"
        """

    func hosts(_ text: String = Self.text) throws -> HostsRun {
        HostsRun(file: try HostsFile.parse(text, file: "h.toml"), path: "h.toml", sshConfig: "/s/ssh_config")
    }

    @Test func agentsStartPinnedToTheirCPUsLocallyOrOverSSH() throws {
        let h = try hosts()
        #expect(h.destinations == [.local(cpus: "1"), .ssh("root@10.213.7.13:2222")])
        #expect(h.agentCommand(0, ownExecutable: "/me/battle") == ["taskset", "-c", "1", "/me/battle", "agent"])
        #expect(
            h.agentCommand(1, ownExecutable: "/me/battle") == [
                "ssh", "-o", "BatchMode=yes", "-F", "/s/ssh_config", "-p", "2222", "-i", "/keys/id", "root@10.213.7.13",
                "--", "taskset", "-c", "0,1", "'/opt/battle dir/battle'", "agent",
            ])
    }

    @Test func theRolesOnThisMachineGiveThePlacement() throws {
        let cpus = try hosts().localCPUs
        #expect(cpus.server == "0")
        #expect(cpus.client == "1")
        #expect(cpus.database == "2")
        #expect(try hosts().databaseURL == nil)
    }

    @Test func agentsOverSSHNeedAServerTheyCanReach() throws {
        #expect(try hosts().unsupported?.contains("'client[1]' is reached over ssh") == true)
        let local = try hosts(
            Self.text.replacingOccurrences(
                of: "ssh = \"root@10.213.7.13\"\nport = 2222\nidentity = \"/keys/id\"\n", with: "local = true\n"
            ).replacingOccurrences(of: "cpus = \"0-1\"", with: "cpus = \"3\""))
        #expect(local.unsupported == nil)
        let remoteServer = try hosts(
            Self.text.replacingOccurrences(of: "[server]\nlocal = true", with: "[server]\nssh = \"battle-h2\""))
        #expect(
            remoteServer.unsupported?.contains(
                "'database' runs on this machine and listens on 127.0.0.1, which the server on battle-h2 cannot reach")
                == true)
        let noDatabase = try hosts(
            Self.text.replacingOccurrences(of: "[server]\nlocal = true", with: "[server]\nssh = \"battle-h2\"")
                .replacingOccurrences(of: "[database]\nlocal = true\ncpus = \"2\"", with: ""))
        #expect(noDatabase.unsupported == nil)
        let url = try hosts(
            Self.text.replacingOccurrences(of: "[server]\nlocal = true", with: "[server]\nssh = \"battle-h2\"")
                .replacingOccurrences(
                    of: "[database]\nlocal = true\ncpus = \"2\"",
                    with: "[database]\nurl = \"postgres://battle@127.0.0.1:5432/battle\""))
        #expect(url.unsupported?.contains("'database.url' is on this machine") == true)
        #expect(noDatabase.serverSSH == HostsFile.SSHHost(destination: "battle-h2"))
    }

    @Test func theServerRunsThroughBattleHostsServeOverSSH() throws {
        var h = try hosts(
            Self.text.replacingOccurrences(
                of: "[server]\nlocal = true", with: "[server]\nssh = \"root@battle-h2\"\nbattle = \"/b/battle\""))
        h.serverAddress = "10.213.7.12"
        let budget = CPUBudget(cores: 0.5, periodMicros: 10_000, reason: "--server-cpu-limit")
        #expect(
            h.serveCommand(
                folder: "/repo/contenders/go", command: "./out/server -x",
                environment: ["BATTLE_PORT": "8080", "A": "b c"],
                budget: budget, grace: 5, name: "go")
                == [
                    "ssh", "-o", "BatchMode=yes", "-F", "/s/ssh_config", "root@battle-h2", "--", "/b/battle", "hosts",
                    "serve",
                    "--cpus", "0", "--dir", "/repo/contenders/go", "--command", "'./out/server -x'", "--grace", "5.0",
                    "--name", "go", "--cpu-limit", "0.5", "--cpu-period-us", "10000", "--env", "'A=b c'", "--env",
                    "'BATTLE_PORT=8080'",
                ])
        #expect(h.resolveCommand(h.serverSSH!) == ["ssh", "-G", "-F", "/s/ssh_config", "root@battle-h2"])
        #expect(h.roundTripCommand(0, to: "10.213.7.12") == nil)
        #expect(
            h.roundTripCommand(1, to: "10.213.7.12") == [
                "ssh", "-o", "BatchMode=yes", "-F", "/s/ssh_config", "-p", "2222", "-i", "/keys/id", "root@10.213.7.13",
                "--",
                "'/opt/battle dir/battle'", "hosts", "rtt", "10.213.7.12", "22", "--count", "20", "--from",
                "root@10.213.7.13:2222",
            ])
    }

    @Test func thePlacementRecordSaysWhichHostEachRoleRanOn() throws {
        let local = CPUPlacementRecord(server: "0", client: "1", database: "1")
        #expect(
            try hosts().placementRecord(local: local)
                == CPUPlacementRecord(server: "0", client: "1, 0,1 on root@10.213.7.13:2222", database: "1"))
        let remote = try hosts(
            Self.text.replacingOccurrences(of: "[server]\nlocal = true", with: "[server]\nssh = \"battle-h2\"")
                .replacingOccurrences(of: "[database]\nlocal = true\ncpus = \"2\"", with: ""))
        #expect(
            remote.placementRecord(local: local)
                == CPUPlacementRecord(
                    server: "0 on battle-h2", client: "1, 0,1 on root@10.213.7.13:2222", database: "none"))
    }

    @Test func postgresStartsOnTheDatabaseHostOverSSH() throws {
        var h = try hosts(
            Self.text.replacingOccurrences(of: "[server]\nlocal = true", with: "[server]\nssh = \"battle-h2\"")
                .replacingOccurrences(
                    of: "[database]\nlocal = true", with: "[database]\nssh = \"battle-h3\"\nbattle = \"/b/battle\""))
        #expect(h.unsupported == nil)
        #expect(h.databaseSSH == HostsFile.SSHHost(destination: "battle-h3"))
        #expect(h.postgresCommand(schemaFile: "/repo/suite/schema.sql").isEmpty, "no address resolved yet")
        h.databaseAddress = "10.213.7.13"
        #expect(
            h.postgresCommand(schemaFile: "/repo/suite/schema.sql") == [
                "ssh", "-o", "BatchMode=yes", "-F", "/s/ssh_config", "battle-h3", "--", "/b/battle", "hosts",
                "postgres",
                "--cpus", "2", "--schema", "/repo/suite/schema.sql", "--listen", "10.213.7.13",
            ])
    }

    @Test func theServerAddressIsWhatSSHResolves() {
        #expect(HostsRun.hostname(fromSSHG: "user root\nhostname 10.213.7.12\nport 22\n") == "10.213.7.12")
        #expect(HostsRun.hostname(fromSSHG: "user root\n") == nil)
    }

    @Test func theServerHostsSamplesAreReadBackLineByLine() throws {
        let a = ServerSample(
            t: 100.5, pid: 7,
            processes: [
                ServerSample.Process(
                    ProcStat(pid: 7, state: "S", ppid: 1, pgrp: 7, cpuTicks: 300, threads: 4, rssPages: 10))
            ])
        let line = String(decoding: try ResultsCoding.encoder(pretty: false).encode(a), as: UTF8.self)
        let parsed = ServerSample.parse(
            lines: line + "\n" + line.replacingOccurrences(of: "100.5", with: "101") + "\n{\"t\":1")
        #expect(parsed.count == 2)
        #expect(parsed[0] == a && parsed[1].t == 101)
        #expect(parsed[0].processes[0].stat.cpuTicks == 300 && parsed[0].processes[0].stat.rssPages == 10)
        let rtt = HostRoundTrip.summary(from: "h1", to: "10.0.0.2:22", samples: [30, 10, 20])
        #expect(
            rtt
                == HostRoundTrip(
                    from: "h1", to: "10.0.0.2:22", count: 3, minMicros: 10, medianMicros: 20, maxMicros: 30))
        #expect(HostRoundTrip.summary(from: "a", to: "b", samples: []) == nil)
    }

    @Test func aLevelIsAskedOfTheAgentsAsItsTotals() {
        let get = HostsLevel.agentLoad(
            url: "http://127.0.0.1:8080/json?x=1", connections: 64, pipeline: 1, rate: 5000, seconds: 10, warmup: 2,
            intervalSeconds: 1)
        #expect(get.targets.map(\.name) == ["GET /json?x=1"])
        #expect(get.targets[0].method == "GET" && get.targets[0].bodiesBase64.isEmpty)
        #expect(get.connections == 64 && get.rate == 5000 && get.durationSeconds == 10 && get.warmupSeconds == 2)
        #expect(get.timeoutSeconds == HostsLevel.defaultTimeoutSeconds)
        let orders = HostsLevel.agentLoad(
            url: "http://127.0.0.1:8080/orders", connections: 8, pipeline: 1, rate: nil, seconds: 5, warmup: 0,
            intervalSeconds: 1, orderBodies: ["{\"a\":1}", "{}"])
        #expect(orders.targets[0].method == "POST")
        #expect(orders.targets[0].headers == [.init(name: "Content-Type", value: "application/json")])
        #expect(orders.targets[0].bodiesBase64 == ["eyJhIjoxfQ==", "e30="])
        let record = HostsLevel.record(get, threads: 3)
        #expect(record.targets == ["GET http://127.0.0.1:8080/json?x=1"])
        #expect(record.threads == 3 && record.mode == .open && record.connections == 64)
    }

    @Test func onlyTheServerSamplesInsideTheWindowCount() {
        let times = [99.8, 99.9, 100.0, 100.5, 101.0, 101.1]
        #expect(HostsLevel.windowed(times, windowStart: 100, seconds: 1) == 2..<5)
        #expect(HostsLevel.windowed(times, windowStart: 200, seconds: 1).isEmpty)
        #expect(HostsLevel.windowed([], windowStart: 0, seconds: 1).isEmpty)
    }

    // MARK: a merged level recorded as a normal level

    static let t0 = 1_800_000_000.0

    static func outcome(_ i: Int, _ values: [UInt64], cpuCores: Double = 0.2, offset: Double = 0) -> AgentOutcome {
        var h = LatencyHistogram.make()
        for v in values { h.record(v) }
        let config = LoadConfigRecord(
            targets: ["GET http://127.0.0.1:1/json"], connections: 2, threads: 1, pipeline: 1, durationSeconds: 2,
            requestLimit: nil, warmupSeconds: 0, timeoutSeconds: 10, rate: nil, intervalSeconds: 1)
        let latency = LatencyHistogram.summary(h)
        var s = LoadSummary(
            config: config, startedAt: Date(timeIntervalSince1970: t0), durationSeconds: 2,
            requests: Int(h.totalCount), requestsPerSecond: Double(h.totalCount) / 2, bytesRead: 10,
            statusCodes: ["200": Int(h.totalCount)], errors: ErrorCounts(), reconnects: 0, latency: latency,
            endpoints: [])
        s.startedAtEpochSeconds = t0
        let report = AgentReport(
            index: i, host: "h\(i)", summary: s, histogram: HistogramCodec.base64(h), uncorrectedHistogram: nil,
            endpointHistograms: nil, targetRate: nil, achievedRate: Double(h.totalCount) / 2, cpuCores: cpuCores,
            usableCores: 1, generatorBound: cpuCores >= 0.9, clockOffsetSeconds: offset, startLagSeconds: 0,
            interrupted: false)
        return AgentOutcome(
            index: i, destination: "local:\(i)", connections: 2, clockOffsetSeconds: offset, report: report)
    }

    func record(_ outcomes: [AgentOutcome]) throws -> (TrialResult, ContenderResult, TrialBook) {
        let merged = try AgentMerge.merge(
            config: HostsLevel.record(
                HostsLevel.agentLoad(
                    url: "http://127.0.0.1:1/json", connections: 4, pipeline: 1, rate: nil, seconds: 2, warmup: 0,
                    intervalSeconds: 1), threads: HostsLevel.threads(outcomes)),
            outcomes: outcomes, t0: Self.t0)
        var run = LoadRun()
        run.summary = merged.summary
        run.clientBound = AgentJudgement.judge(merged.summary.standing).notRanked
        var result = ContenderResult(
            name: "x", displayName: "X", language: "X", framework: "x", approach: "realistic", status: .ok)
        var book = TrialBook()
        let level = LevelSpec(test: .json, connections: 4)
        let t = TrialRecorder.record(
            MeasuredTrial(contender: "x", level: level, number: 1, summary: merged.summary, run: run),
            into: &result, book: &book,
            placement: CPUPlacement(server: CPUSet([0]), client: CPUSet([1]), database: CPUSet([1])),
            policy: .standard)
        return (t, result, book)
    }

    @Test func aValidMergedLevelIsANormalRankedLevelWithItsAgentsBesideIt() throws {
        let (t, result, book) = try record([Self.outcome(0, [100, 200, 300]), Self.outcome(1, [400, 500])])
        #expect(!t.clientBound && t.error == nil)
        #expect(t.load.requests == 5)
        #expect(t.load.config.threads == 2)
        #expect(t.load.latency.count == 5)
        // Percentiles of the added histograms, never averaged.
        #expect(t.load.latency.maxMicros == Self.outcome(9, [500]).report?.summary.latency.maxMicros)
        #expect(t.load.agents?.map(\.requests) == [3, 2])
        #expect(t.load.standing?.verdict == .valid)
        let level = try #require(result.tests.first?.levels.first)
        #expect(level.summary.clientBoundTrials == 0 && !level.isClientBound)
        #expect(level.summary.requestsPerSecond.median == 2.5)
        #expect(book.clientBound.isEmpty)
    }

    @Test func aLevelAnAgentLimitedIsALowerBoundNeverRanked() throws {
        let (t, result, book) = try record([Self.outcome(0, [100, 200]), Self.outcome(1, [300], cpuCores: 0.95)])
        #expect(t.load.standing?.verdict == .lowerBound)
        #expect(t.clientBound && t.error == nil)
        #expect(result.tests.first?.levels.first?.isClientBound == true)
        #expect(book.clientBound.count == 1)
        #expect(book.clientBound[0].text.hasPrefix("x json c=4 trial 1 (agents: agent 1"))
        #expect(book.clientBound[0].byAgents)
        let notices = book.notices(
            placement: CPUPlacement(server: CPUSet([0]), client: CPUSet([1]), database: CPUSet([1])), policy: .standard)
        #expect(notices.count == 1)
        #expect(notices[0].note.hasPrefix("1 of 1 trials were limited by their load agents (battle run --hosts)"))
        #expect(notices[0].warning.contains("limited by their load agents"))
    }

    @Test func anInvalidLevelIsReportedAndNotRanked() throws {
        var dead = Self.outcome(1, [300])
        dead.report = nil
        dead.failure = "died before its result (killed by signal 9)"
        let (t, result, book) = try record([Self.outcome(0, [100, 200], offset: 0), dead])
        #expect(t.load.standing?.verdict == .invalid)
        #expect(t.clientBound)
        #expect(t.error == "the merged level is invalid: agent 1 died before its result (killed by signal 9)")
        #expect(t.load.requests == 2)
        #expect(result.tests.first?.levels.first?.isClientBound == true)
        #expect(book.clientBound.first?.text.contains("invalid: agent 1 died") == true)
    }

    @Test func aClockOffBeyondTheBoundMakesTheLevelInvalid() throws {
        let (t, _, _) = try record([Self.outcome(0, [100]), Self.outcome(1, [200], offset: 0.02)])
        #expect(t.load.standing?.verdict == .invalid)
        #expect(t.error?.contains("clock") == true)
    }

    @Test func judgementOfNoAgentsChangesNothing() {
        #expect(AgentJudgement.judge(nil) == AgentJudgement(notRanked: false))
    }
}
