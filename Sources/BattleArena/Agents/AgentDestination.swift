import Foundation

/// Where `battle load --agent DEST` runs an agent, and the command that
/// starts it there. Pure.
///
/// - `local`: a child process on this machine (battle's own executable).
/// - `local:CPUS`: the same under `taskset -c CPUS` (e.g. `local:1`, `local:2-3`).
/// - anything else: an ssh destination (`host`, `user@host`, `ssh://user@host:port`,
///   a Host of the ssh config), run as `ssh -o BatchMode=yes [-F CONFIG] DEST -- BATTLE agent`.
public enum AgentDestination: Sendable, Equatable, CustomStringConvertible {
    case local(cpus: String?)
    case ssh(String)

    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    public static func parse(_ text: String) throws(Invalid) -> AgentDestination {
        if text == "local" { return .local(cpus: nil) }
        if text.hasPrefix("local:") {
            let cpus = String(text.dropFirst(6))
            guard !cpus.isEmpty, cpus.allSatisfy({ $0.isNumber || $0 == "," || $0 == "-" }) else {
                throw Invalid(
                    description:
                        "--agent '\(text)': after local: give a CPU list as taskset takes it, like local:1 or local:2-3"
                )
            }
            return .local(cpus: cpus)
        }
        guard !text.isEmpty, !text.hasPrefix("-"), !text.contains(where: { $0 == " " || $0 == "\t" }) else {
            throw Invalid(
                description: "--agent '\(text)': give local, local:CPUS or an ssh destination such as user@host")
        }
        return .ssh(text)
    }

    public var description: String {
        switch self {
        case .local(nil): "local"
        case .local(let cpus?): "local:\(cpus)"
        case .ssh(let d): d
        }
    }

    /// The command that starts the agent.
    /// - Parameters:
    ///   - battle: `--agent-battle`, battle's path where the agent runs; nil:
    ///     `ownExecutable` for a local agent, `battle` (found on the remote PATH) over ssh.
    ///   - sshConfig: `--ssh-config`, passed to ssh as `-F`.
    public func argv(battle: String?, ownExecutable: String, sshConfig: String?) -> [String] {
        switch self {
        case .local(nil): return [battle ?? ownExecutable, "agent"]
        case .local(let cpus?): return ["taskset", "-c", cpus, battle ?? ownExecutable, "agent"]
        case .ssh(let destination):
            var argv = ["ssh", "-o", "BatchMode=yes"]
            if let sshConfig { argv += ["-F", sshConfig] }
            // ssh hands the remote shell one string: quote the path for it.
            return argv + [destination, "--", Self.shellQuoted(battle ?? "battle"), "agent"]
        }
    }

    static func shellQuoted(_ s: String) -> String {
        if !s.isEmpty, s.allSatisfy({ $0.isLetter || $0.isNumber || "/._-+:@".contains($0) }) { return s }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
