import BattleCore

/// A flag value that does not parse: the fix, which ArgumentParser prints
/// after "The value 'x' is invalid for '--flag <flag>': " (exit 64).
public struct FlagValueError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// `battle run`'s flag values that need more than a number, parsed once by
/// ArgumentParser (`transform:`) into what the run takes.
public enum RunFlagValues {
    /// `--duration`, `--heap-duration`: a positive duration in seconds.
    public static func positiveSeconds(_ text: String) throws -> Double {
        guard let s = try? DurationParser.seconds(text), s > 0 else {
            throw FlagValueError("write a positive duration such as 2s or 500ms")
        }
        return s
    }

    /// `--warmup`: a duration in seconds, 0 for none.
    public static func seconds(_ text: String) throws -> Double {
        guard let s = try? DurationParser.seconds(text), s >= 0 else {
            throw FlagValueError("write a duration such as 2s, or 0 for none")
        }
        return s
    }

    /// `--interval`: 100ms to 1h, or none.
    public static func interval(_ text: String) throws -> IntervalSetting {
        if ["none", "off", "0"].contains(text.lowercased()) { return IntervalSetting(seconds: nil) }
        guard let s = try? DurationParser.seconds(text), s >= 0.1, s <= 3600 else {
            throw FlagValueError("write a duration from 100ms to 1h, such as 1s, or none")
        }
        return IntervalSetting(seconds: s)
    }

    /// `--probe`: level kinds, by their names in results.json or as written in docs.
    public static func probeKinds(_ text: String) throws -> ProbeKinds {
        if ["none", "off"].contains(text.lowercased()) { return ProbeKinds(kinds: []) }
        let names: [String: LevelKind] = [
            "large-heap": .largeHeap, "largeheap": .largeHeap, "heap": .largeHeap, "equal-rate": .equalRate,
            "equalrate": .equalRate, "peak": .peak,
        ]
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !items.isEmpty else { throw FlagValueError("it is empty; write large-heap,equal-rate, peak, or none") }
        var kinds: [LevelKind] = []
        for n in items {
            guard let k = names[n.lowercased()] else {
                throw FlagValueError("'\(n)' is not a level kind; use large-heap, equal-rate, peak, or none")
            }
            if !kinds.contains(k) { kinds.append(k) }
        }
        return ProbeKinds(kinds: kinds)
    }

    /// `--server-cpu-limit`: CPUs of time per second, or none (uncapped).
    public static func cpuLimit(_ text: String) throws -> CPULimit {
        if ["none", "0", "off"].contains(text.lowercased()) { return CPULimit(cores: nil, text: text) }
        guard let v = Double(text), v.isFinite, v >= 0.01 else {
            throw FlagValueError("write CPUs of time per second, such as 0.5 or 2, or none to run uncapped")
        }
        return CPULimit(cores: v, text: text)
    }

    /// `--server-cpu-period`: 1ms to 1s, in microseconds.
    public static func cpuPeriodMicros(_ text: String) throws -> Int {
        guard let s = try? DurationParser.seconds(text), s >= 0.001, s <= 1 else {
            throw FlagValueError("write a duration from 1ms to 1s, such as 5ms")
        }
        return Int((s * 1e6).rounded())
    }
}

/// `--interval`'s value: seconds, or nil for none.
public struct IntervalSetting: Equatable, Sendable, CustomStringConvertible {
    public var seconds: Double?
    public init(seconds: Double?) { self.seconds = seconds }
    public var description: String { seconds.map { Format.duration($0) } ?? "none" }
}

/// `--probe`'s value: the level kinds that run the pause probe.
public struct ProbeKinds: Equatable, Sendable, CustomStringConvertible {
    public var kinds: [LevelKind]
    public init(kinds: [LevelKind]) { self.kinds = kinds }
    public var description: String {
        kinds.isEmpty
            ? "none"
            : kinds.map { k in
                switch k {
                case .largeHeap: "large-heap"
                case .equalRate: "equal-rate"
                default: k.rawValue
                }
            }.joined(separator: ",")
    }
}

/// `--server-cpu-limit`'s value: cores, or nil for none (uncapped); `text` as given, for messages.
public struct CPULimit: Equatable, Sendable {
    public var cores: Double?
    public var text: String
    public init(cores: Double?, text: String) {
        self.cores = cores
        self.text = text
    }
}
