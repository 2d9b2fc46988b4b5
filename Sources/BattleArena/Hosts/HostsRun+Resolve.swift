import BattleCore

extension HostsRun {
    public struct Unreachable: Error, CustomStringConvertible {
        public let description: String
    }

    /// Sets `serverAddress` to the server host's address as ssh resolves it
    /// (`ssh -G`, its config applied: a Host alias gives its HostName), and
    /// checks that ssh reaches it and finds battle there.
    public mutating func resolveServerAddress() throws(Unreachable) {
        if let s = databaseSSH, case .host(let p) = file.database {
            databaseAddress = try resolve(s, battle: p.battle, key: "database")
        }
        guard let s = serverSSH else { return }
        serverAddress = try resolve(s, battle: file.server.battle, key: "server")
    }

    /// `s`'s address as ssh resolves it, after checking that ssh reaches it and finds battle there.
    func resolve(_ s: HostsFile.SSHHost, battle: String, key: String) throws(Unreachable) -> String {
        let resolved: CapturedCommand.Output
        do { resolved = try CapturedCommand.runBlocking(resolveCommand(s), timeout: 10) } catch {
            throw Unreachable(description: "\(path): '\(key)': cannot run ssh -G (\(error)); is ssh installed?")
        }
        guard resolved.succeeded, let address = Self.hostname(fromSSHG: resolved.stdout) else {
            throw Unreachable(
                description:
                    "\(path): '\(key)': ssh -G \(s) gave no address (\(resolved.stderr.trimmingCharacters(in: .whitespacesAndNewlines))); check the destination and --ssh-config"
            )
        }
        let check: CapturedCommand.Output
        do {
            check = try CapturedCommand.runBlocking(
                sshPrefix(s) + ["--", AgentDestination.shellQuoted(battle), "--version"], timeout: 20)
        } catch {
            throw Unreachable(description: "\(path): '\(key)': cannot run ssh (\(error))")
        }
        guard check.succeeded else {
            throw Unreachable(
                description:
                    "\(path): '\(key)': `\(battle) --version` over ssh to \(s) failed (\(check.termination?.description ?? "timed out")): \(check.stderr.trimmingCharacters(in: .whitespacesAndNewlines).suffix(300)); check that ssh reaches it without a password and that '\(key).battle' is battle's path there"
            )
        }
        return address
    }
}
