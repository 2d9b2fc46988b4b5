/// The order contenders run in each round.
///
/// Only one server runs at a time, so the machine's drift (thermal state,
/// other tenants, page cache) would favour whoever runs at a better moment.
/// battle runs the trials as rounds: in round r every contender runs each of
/// its levels once, in an order rotated by r (A B C, then B C A, then C A B).
/// Each contender takes each position equally often when the number of
/// trials is a multiple of the number of contenders, and a contender's trials
/// are spread over the whole run, so slow drift shows as spread in its own
/// figures instead of as a difference between contenders. The price is one
/// restart per contender per round (about a second), which also makes every
/// trial an independent start, as hyperfine's runs are.
public enum RoundOrder {
    /// Indices 0..<count in the order of round `round` (0-based).
    public static func order(count: Int, round: Int) -> [Int] {
        guard count > 0 else { return [] }
        let shift = round % count
        return Array(shift..<count) + Array(0..<shift)
    }
}
