import BattleCore

/// A trial whose load generator's CPUs were saturated, for the run's note.
struct ClientBoundTrial: Sendable, Equatable {
    var kind: LevelKind
    var text: String
    /// Limited by its load agents (battle run --hosts), not a local load generator.
    var byAgents = false
}

/// The run-wide tally of measured trials of every level kind, and which of
/// them were client-bound or disturbed.
struct TrialBook: Sendable, Equatable {
    /// Trials recorded (every level kind, capacity steps included).
    var trials = 0
    var clientBound: [ClientBoundTrial] = []
    /// Trials during which other processes used the server's CPUs.
    var disturbed: [String] = []

    /// A note for results.json and a one-line warning for the terminal.
    struct Notice: Sendable, Equatable {
        var note: String
        var warning: String
    }

    /// What the run says at its end about client-bound and disturbed trials.
    func notices(placement: CPUPlacement, policy: RunPolicy) -> [Notice] {
        var out: [Notice] = []
        let agents = clientBound.filter(\.byAgents)
        if !agents.isEmpty {
            out.append(
                Notice(
                    note:
                        "\(agents.count) of \(trials) trials were limited by their load agents (battle run --hosts): an agent missed its rate, was generator-bound or its CPUs were \(Self.percent(policy.clientBoundShare)) busy by anything, or the level was invalid (an agent died, a clock off); they are shown as lower bounds and not ranked. To avoid it: more agents or CPUs for them in the hosts file, or a quieter machine. Trials: \(Self.list(agents.map(\.text), first: policy.clientBoundListed))",
                    warning:
                        "warning: \(agents.count) of \(trials) trials were limited by their load agents: shown as lower bounds, not ranked (see the notes)"
                ))
        }
        let local = clientBound.filter { !$0.byAgents }
        if !local.isEmpty {
            let clientBound = local
            let texts = clientBound.map(\.text)
            out.append(
                Notice(
                    note:
                        "\(clientBound.count) of \(trials) trials were client-bound: the load generator's CPUs (\(placement.client)) were \(Self.percent(policy.clientBoundShare)) busy or more (by the load generator itself, battle, the database on this placement, or other processes), so those figures may measure the client side, not the server; they are shown as lower bounds and not ranked. To avoid it: a lower budget (--server-cpu-limit), more CPUs for the load generator (--client-cpus), or fewer connections. Trials: \(Self.list(texts, first: policy.clientBoundListed))",
                    warning:
                        "warning: \(clientBound.count) of \(trials) trials were client-bound: shown as lower bounds, not ranked (see the notes)"
                ))
        }
        if !disturbed.isEmpty {
            out.append(
                Notice(
                    note:
                        "in \(disturbed.count) of \(trials) trials other processes used at least \(Self.percent(policy.disturbedShare)) of the server's CPUs (\(placement.server)): the machine was not quiet, so those figures are disturbed: \(Self.list(disturbed, first: policy.disturbedListed))",
                    warning:
                        "warning: the machine was not quiet: other processes used the server's CPUs in \(disturbed.count) of \(trials) trials (see the notes)"
                ))
        }
        return out
    }

    static func percent(_ share: Double) -> String { "\(Format.fixed(share * 100, 0))%" }

    static func list(_ texts: [String], first n: Int) -> String {
        texts.prefix(n).joined(separator: ", ") + (texts.count > n ? ", ..." : "")
    }
}
