import NIOCore

/// Chooses which pre-encoded request goes next: targets in smooth weighted
/// round robin (nginx's algorithm: weights 3,1 give A A B A, never A A A B),
/// and each target's bodies in rotation. Deterministic; one per event loop.
public struct RequestPicker {
    /// Target index per slot of one round; its length is the sum of weights.
    public let sequence: [Int]
    private let requests: [[ByteBuffer]]
    private var position: Int
    private var bodyCursor: [Int]

    /// `offset` starts this picker part-way through the round, so event loops
    /// do not all send the same target at the same moment.
    public init(weights: [Int], requests: [[ByteBuffer]], offset: Int = 0) {
        precondition(weights.count == requests.count && !weights.isEmpty)
        self.sequence = Self.smoothWeightedRoundRobin(weights)
        self.requests = requests
        self.position = offset % sequence.count
        self.bodyCursor = Array(repeating: 0, count: weights.count)
    }

    /// The next target and its request bytes.
    @inline(__always)
    public mutating func next() -> (target: Int, request: ByteBuffer) {
        let t = sequence[position]
        position += 1
        if position == sequence.count { position = 0 }
        let variants = requests[t]
        if variants.count == 1 { return (t, variants[0]) }
        let b = bodyCursor[t]
        bodyCursor[t] = b + 1 == variants.count ? 0 : b + 1
        return (t, variants[b])
    }

    /// One round of smooth weighted round robin over `weights`.
    public static func smoothWeightedRoundRobin(_ raw: [Int]) -> [Int] {
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let divisor = raw.reduce(0, gcd)
        let weights = raw.map { $0 / max(divisor, 1) }
        let total = weights.reduce(0, +)
        var current = Array(repeating: 0, count: weights.count)
        var out: [Int] = []
        out.reserveCapacity(total)
        for _ in 0..<total {
            var best = 0
            for i in weights.indices {
                current[i] += weights[i]
                if current[i] > current[best] { best = i }
            }
            current[best] -= total
            out.append(best)
        }
        return out
    }
}
