import BattleCore

/// Chooses each test's equal rate: the open-loop rate every contender is
/// offered, so their latency, CPU per request and memory are compared at the
/// same work. Pure: it reads the peak levels measured so far.
public struct EqualRatePlanner: Sendable {
    public var profile: PlanProfile
    /// `--rate TEST=R[,R2]`: rates given by the user, used as they are.
    public var overrides: [SuiteTest: [Double]]

    public init(profile: PlanProfile, overrides: [SuiteTest: [Double]] = [:]) {
        self.profile = profile
        self.overrides = overrides
    }

    /// One entry per rate of each test in `tests` (suite order: built-ins, then a
    /// data suite's tests as given). Without an
    /// override, the rate is `profile.equalRateFraction` of the slowest
    /// healthy contender's best peak throughput on the test (its peak levels
    /// without pipelining, at the equal-rate level's query count), rounded
    /// down to two significant digits. A test no healthy contender measured
    /// gets no entry.
    public func rates(tests: [SuiteTest], contenders: [ContenderResult]) -> [EqualRate] {
        var out: [EqualRate] = []
        for test in SuiteTest.ordered(tests) {
            if let given = overrides[test] {
                out += given.map { EqualRate(test: test, rate: $0, basis: "--rate") }
                continue
            }
            let queries = profile.equalRateQueries(for: test)
            let peaks: [(String, Double)] = contenders.compactMap { c in
                let levels = (c.result(for: test)?.levels(.peak) ?? []).filter {
                    $0.pipeline == 1 && $0.queries == queries && $0.summary.errors == 0 && $0.summary.non2xx == 0
                }
                return levels.map(\.summary.requestsPerSecond.median).max().map { (c.name, $0) }
            }
            guard let slowest = peaks.min(by: { $0.1 < $1.1 }), slowest.1 > 0 else { continue }
            let rate = Self.roundDown(slowest.1 * profile.equalRateFraction)
            let share =
                profile.equalRateFraction == 0.5 ? "half" : "\(Format.significant(profile.equalRateFraction * 100))%"
            out.append(
                EqualRate(
                    test: test, rate: rate,
                    basis: "\(share) of \(slowest.0)'s \(Format.count(slowest.1)) req/s, the slowest peak"))
        }
        return out
    }

    /// `v` rounded down to two significant digits (at least 1): 4,163 → 4,100.
    public static func roundDown(_ v: Double) -> Double {
        guard v >= 10 else { return max(1, v.rounded(.down)) }
        var scale = 1.0
        while v / scale >= 100 { scale *= 10 }
        return (v / scale).rounded(.down) * scale
    }

    /// Parses `--rate TEST=R[,R2]` (repeatable).
    /// `known` are the tests of the suite being run (the Battle Suite's by default).
    public static func parseOverrides(
        _ values: [String], known: [SuiteTest] = SuiteTest.builtins
    ) throws(PlanError) -> [SuiteTest: [Double]] {
        var out: [SuiteTest: [Double]] = [:]
        for v in values {
            let parts = v.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts.first?.trimmingCharacters(in: .whitespaces) ?? ""
            guard parts.count == 2, let test = known.first(where: { $0.rawValue == name }) else {
                throw PlanError(
                    "--rate '\(v)': write a test and requests per second, like json=20000 or db=2000,4000 (tests: \(known.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            let rates = parts[1].split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !rates.isEmpty, rates.allSatisfy({ ($0 ?? 0) >= 1 }) else {
                throw PlanError(
                    "--rate '\(v)': the rates must be numbers of requests per second, at least 1, like \(test.rawValue)=20000"
                )
            }
            out[test, default: []] += rates.map { $0! }
        }
        return out
    }
}

public struct PlanError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
