/// SplitMix64 (Steele, Lea and Flood 2014): a small, fast, seedable generator,
/// so generated requests, test inputs and fixtures are the same on every
/// machine and Swift version.
///
/// Ranges use `int(in:)` (multiply-high of a 64-bit draw, Lemire's method without
/// rejection), not the standard library's `random(in:using:)`, whose algorithm
/// is not promised to stay the same.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range`, nearly uniform (bias below 2^-40 for the suite's ranges).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next().multipliedFullWidth(by: span).high)
    }

    public mutating func pick<T>(_ choices: [T]) -> T { choices[int(in: 0...(choices.count - 1))] }

    /// True with probability `numerator / denominator`.
    public mutating func chance(_ numerator: Int, in denominator: Int) -> Bool {
        int(in: 1...denominator) <= numerator
    }
}
