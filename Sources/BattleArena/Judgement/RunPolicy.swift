/// The thresholds a run judges its measurements by, in one place: a change
/// here changes every level kind's bookkeeping, the run's notes, and the
/// tests in Tests/BattleArenaTests/JudgementTests.swift that pin them.
struct RunPolicy: Sendable, Equatable {
    /// A trial is client-bound when the load generator used this share of
    /// its CPUs, or its CPUs were this busy in all (by the load generator,
    /// battle, the database on small placements, or other processes).
    var clientBoundShare: Double
    /// A trial is disturbed when other processes used this share of the
    /// server's CPUs during its sampled window.
    var disturbedShare: Double
    /// Client-bound trials named in the run's note before "...".
    var clientBoundListed: Int
    /// Disturbed trials named in the run's note before "...".
    var disturbedListed: Int

    static let standard = RunPolicy(
        clientBoundShare: 0.9, disturbedShare: 0.1, clientBoundListed: 12, disturbedListed: 10)
}
