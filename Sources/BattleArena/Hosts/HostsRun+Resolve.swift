import BattleCore

extension HostsRun {
    public struct Unreachable: Error, CustomStringConvertible {
        public let description: String
    }

    /// Sets `serverAddress` to the server host's address as ssh resolves it
    /// (`ssh -G`, its config applied: a Host alias gives its HostName), and
    /// checks that ssh reaches it and finds battle there.
    public mutating func resolveServerAddress() throws(Unreachable) {
        guard let s = serverSSH else { return }
        let resolved: CapturedCommand.Output
        do { resolved = try CapturedCommand.runBlocking(resolveCommand(s), timeout: 10) } catch {
            throw Unreachable(description: "\(path): 'server': cannot run ssh -G (\(error)); is ssh installed?")
        }
        guard resolved.succeeded, let address = Self.hostname(fromSSHG: resolved.stdout) else {
            throw Unreachable(
                description:
                    "\(path): 'server': ssh -G \(s) gave no address (\(resolved.stderr.trimmingCharacters(in: .whitespacesAndNewlines))); check the destination and --ssh-config"
            )
        }
        let check: CapturedCommand.Output
        do {
            check = try CapturedCommand.runBlocking(
                sshPrefix(s) + ["--", AgentDestination.shellQuoted(file.server.battle), "--version"], timeout: 20)
        } catch {
            throw Unreachable(description: "\(path): 'server': cannot run ssh (\(error))")
        }
        guard check.succeeded else {
            throw Unreachable(
                description:
                    "\(path): 'server': `\(file.server.battle) --version` over ssh to \(s) failed (\(check.termination?.description ?? "timed out")): \(check.stderr.trimmingCharacters(in: .whitespacesAndNewlines).suffix(300)); check that ssh reaches it without a password and that 'server.battle' is battle's path there"
            )
        }
        serverAddress = address
    }
}
