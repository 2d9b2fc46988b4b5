/// A set of CPU numbers written as `taskset -c` writes them: `0`, `1-3`, `0,2,4-5`.
public struct CPUSet: Sendable, Hashable, CustomStringConvertible {
    /// Sorted, without duplicates.
    public let cpus: [Int]

    public init<S: Sequence>(_ cpus: S) where S.Element == Int { self.cpus = Array(Set(cpus)).sorted() }

    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public let input: String
        public let reason: String
        public var description: String { "'\(input)' is not a CPU list (\(reason)); write it as taskset does: 0, 1-3, 0,2,4-5" }
    }

    /// Parses a `taskset -c` list. An empty list is an error: a process needs a CPU.
    public init(parsing text: String) throws(ParseError) {
        var out: [Int] = []
        let trimmed = text.filter { !$0.isWhitespace }
        guard !trimmed.isEmpty else { throw ParseError(input: text, reason: "it is empty") }
        for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count == 1 || bounds.count == 2, let lo = Int(bounds[0]), lo >= 0 else {
                throw ParseError(input: text, reason: "'\(part)' is not a number or a range a-b")
            }
            let hi = bounds.count == 2 ? Int(bounds[1]) : lo
            guard let hi, hi >= lo else { throw ParseError(input: text, reason: "'\(part)' is not a range from low to high") }
            guard hi - lo < 4096 else { throw ParseError(input: text, reason: "'\(part)' is too large a range") }
            out += Array(lo...hi)
        }
        self.init(out)
    }

    public var count: Int { cpus.count }
    public var isEmpty: Bool { cpus.isEmpty }

    /// The `taskset -c` spelling, with runs collapsed: `0-3,6`.
    public var description: String {
        var parts: [String] = []
        var i = 0
        while i < cpus.count {
            var j = i
            while j + 1 < cpus.count && cpus[j + 1] == cpus[j] + 1 { j += 1 }
            parts.append(j == i ? "\(cpus[i])" : (j == i + 1 ? "\(cpus[i]),\(cpus[j])" : "\(cpus[i])-\(cpus[j])"))
            i = j + 1
        }
        return parts.joined(separator: ",")
    }

    public func union(_ other: CPUSet) -> CPUSet { CPUSet(cpus + other.cpus) }
    public func isSubset(of other: CPUSet) -> Bool { Set(cpus).isSubset(of: Set(other.cpus)) }
    public func intersects(_ other: CPUSet) -> Bool { !Set(cpus).isDisjoint(with: Set(other.cpus)) }
}
