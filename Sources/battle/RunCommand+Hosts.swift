import ArgumentParser
import BattleArena
import BattleCore
import Foundation

/// `battle run --hosts FILE`: the roles placed by a hosts file (docs/HOSTS.md).
struct HostsRunFlags: ParsableArguments {
    @Option(
        name: .customLong("hosts"),
        help: ArgumentHelp(
            "A hosts file (docs/HOSTS.md): every load runs through its [[client]] load agents, merged exactly; a [server] or [database] with ssh runs the contender or PostgreSQL there.",
            valueName: "file"))
    var hosts: String?

    @Option(
        name: .customLong("ssh-config"),
        help: ArgumentHelp("With --hosts: an ssh_config for every ssh battle runs (ssh -F).", valueName: "file"))
    var sshConfig: String?

    @Option(
        name: .customLong("max-clock-offset"),
        help: ArgumentHelp(
            "With --hosts: an agent's clock further off the coordinator's makes the level invalid.",
            valueName: "duration"))
    var maxClockOffset: String = "5ms"

    /// The hosts file read and checked, or nil without --hosts. Errors name the file, the key and the fix.
    func load() throws -> HostsRun? {
        guard let hosts else {
            if sshConfig != nil { throw ValidationError("--ssh-config goes with --hosts FILE; give the hosts file") }
            return nil
        }
        let text: String
        do { text = try String(contentsOfFile: hosts, encoding: .utf8) } catch {
            throw ValidationError(
                "--hosts \(hosts): cannot be read (\(error.localizedDescription)); give a hosts file's path (docs/HOSTS.md)"
            )
        }
        let file: HostsFile
        do { file = try HostsFile.parse(text, file: hosts) } catch { throw ValidationError(error.description) }
        let offset: Double
        do { offset = try DurationParser.seconds(maxClockOffset) } catch {
            throw ValidationError("--max-clock-offset: \(error)")
        }
        var run = HostsRun(file: file, path: hosts, sshConfig: sshConfig, maximumClockOffsetSeconds: offset)
        if let problem = run.unsupported { throw ValidationError(problem) }
        do { try run.resolveServerAddress() } catch { throw ValidationError(error.description) }
        return run
    }

    /// Without a [database], only the tests without one run (docs/HOSTS.md).
    static func tests(_ tests: [SuiteTest]?, hosts: HostsRun?) -> [SuiteTest]? {
        guard let hosts, case .none = hosts.file.database else { return tests }
        return (tests ?? SuiteTest.allCases).filter { !$0.usesDatabase }
    }
}
