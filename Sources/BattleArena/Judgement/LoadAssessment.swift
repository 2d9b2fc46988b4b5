import BattleCore

/// What one finished run of the load generator says about its own side:
/// how many cores it used, how busy the machine was, and whether the
/// figures may measure the client rather than the server. Pure: `runLoad`
/// gathers the readings, this judges them.
struct LoadAssessment: Sendable, Equatable {
    /// CPU cores the load generator used over its window.
    var clientCores: Double?
    /// How busy the server's and client's CPUs were over the sampled window.
    var machine: MachineLoad?
    var clientBound: Bool

    /// - Parameters:
    ///   - termination: the load generator's exit (its CPU time is the fallback when the summary has none).
    ///   - wallSeconds: the load generator's whole run, warm-up included (the fallback's denominator).
    ///   - cpuTimes: /proc/stat at the first and the last sample, when at least two were taken.
    ///   - serverCores: the server's process tree's cores over the window.
    static func assess(
        _ summary: LoadSummary, termination: Termination?, wallSeconds: Double, cpuTimes: (CPUTimes, CPUTimes)?,
        serverCores: Double?, placement: CPUPlacement, policy: RunPolicy
    ) -> LoadAssessment {
        let cores = clientCores(summary, termination: termination, wallSeconds: wallSeconds)
        let machine = cpuTimes.flatMap {
            CPUTimes.machineLoad(from: $0.0, to: $0.1, placement: placement, serverCores: serverCores)
        }
        return LoadAssessment(
            clientCores: cores, machine: machine,
            clientBound: isClientBound(
                clientCores: cores, machine: machine, clientCPUs: placement.client.count, policy: policy))
    }

    /// The load generator's own measure over the measured window, else its
    /// CPU time over its whole run.
    static func clientCores(_ summary: LoadSummary, termination: Termination?, wallSeconds: Double) -> Double? {
        if let c = summary.client, summary.durationSeconds > 0 { return c.cpuSeconds / summary.durationSeconds }
        if let t = termination, wallSeconds > 0 { return (t.userSeconds + t.systemSeconds) / wallSeconds }
        return nil
    }

    /// Client-bound: the load generator used (nearly) all its CPUs, or its
    /// CPUs were saturated by it and whatever shares them.
    static func isClientBound(clientCores: Double?, machine: MachineLoad?, clientCPUs: Int, policy: RunPolicy) -> Bool {
        (clientCores ?? 0) >= policy.clientBoundShare * Double(clientCPUs)
            || (machine?.clientCPUsBusy ?? 0) >= policy.clientBoundShare
    }

    /// Disturbed: other processes used a share of the server's CPUs; the
    /// cores they used, else nil.
    static func disturbance(machine: MachineLoad?, serverCPUs: Int, policy: RunPolicy) -> Double? {
        guard let foreign = machine?.foreignServerCores, foreign >= policy.disturbedShare * Double(serverCPUs) else {
            return nil
        }
        return foreign
    }
}
