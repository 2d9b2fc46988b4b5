import BattleCore
import BattleSuite

/// A data-suite test's load as a `battle load --targets` file (docs/SUITE.md,
/// "Running a data suite"). The targets format takes fixed requests, so each
/// request kind is expanded into `samples` concrete requests drawn from the
/// test's parameters (the same seed as verification's sampler, so the same on
/// every machine). Every concrete request of kind `i` gets the kind's weight
/// (divided by the weights' common divisor), so the mix's shares are exactly
/// the suite's: kind `i` is `samples × w[i]` of `samples × Σ w` in the
/// smooth weighted round robin. Headers are rendered per request; a JSONL
/// `body_file` stays a rotation (`bodies_file`) on every request of its kind.
/// Pure: text in, text out; the caller writes the files.
public enum SuiteTargets {
    /// Concrete requests drawn per request kind.
    public static let samples = 32
    /// The seed of the draw.
    public static let seed: UInt64 = 0x5017_E5

    /// One concrete request of the load.
    public struct Target: Sendable, Equatable {
        public var name: String
        /// Index of the request kind in the test's `requests`.
        public var kind: Int
        public var method: String
        /// Path and query, parameters filled in.
        public var target: String
        public var headers: [LoadHeader]
        /// An inline body (a body template filled in), or nil.
        public var body: String?
        /// The kind's JSONL file, used in rotation, for `body_file` requests.
        public var bodiesFile: String?
        public var weight: Int
    }

    public struct LoadHeader: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    /// The concrete requests of `test`: `samples` per kind, kinds in suite order.
    public static func expand(_ test: SuiteTestSpec, samples: Int = samples, seed: UInt64 = seed) -> [Target] {
        let weights = Self.weights(test.requests.map(\.weight))
        var sampler = RequestSampler(test: test, seed: seed)
        var out: [Target] = []
        // A request of weight 0 is sent by verification only, never under load.
        for (kind, spec) in test.requests.enumerated() where weights[kind] > 0 {
            let kindName = test.requests.count == 1 ? test.name : spec.name
            for i in 0..<max(1, samples) {
                let r = sampler.request(kind: kind)
                var body: String?
                var bodiesFile: String?
                switch spec.body {
                case nil: break
                case .template?: body = String(decoding: r.body, as: UTF8.self)
                case .lines(let file, _)?: bodiesFile = file
                }
                out.append(
                    Target(
                        name: "\(kindName) #\(i + 1)", kind: kind, method: r.method, target: r.target,
                        headers: r.headers.map { LoadHeader(name: $0.name, value: $0.value) }, body: body,
                        bodiesFile: bodiesFile, weight: weights[kind]))
            }
        }
        return out
    }

    /// The kinds' weights divided by their greatest common divisor; scaled down
    /// (each at least 1) only if one still exceeds the targets format's 10,000.
    public static func weights(_ raw: [Int]) -> [Int] {
        guard !raw.isEmpty else { return [] }
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let g = raw.reduce(0, gcd)
        var w = raw.map { $0 / max(g, 1) }
        if let top = w.max(), top > 10_000 {
            w = w.map { max(1, Int((Double($0) * 10_000 / Double(top)).rounded())) }
        }
        return w
    }

    /// The targets file for `targets` against `base` (`http://127.0.0.1:PORT`);
    /// `bodiesFiles` maps a suite-relative JSONL path to the file the load reads.
    public static func file(
        _ targets: [Target], base: String, test: String, bodiesFiles: [String: String]
    ) -> String {
        var s =
            "# Written by battle run: the \(test) test of a data suite, each request kind drawn \(samples) times (docs/SUITE.md).\n"
        for t in targets {
            s += "\n[[target]]\n"
            s += "name = \(TOMLString.quoted(t.name))\n"
            s += "url = \(TOMLString.quoted(base + t.target))\n"
            s += "method = \(TOMLString.quoted(t.method))\n"
            if t.weight != 1 { s += "weight = \(t.weight)\n" }
            if !t.headers.isEmpty {
                let pairs = t.headers.map { "\(TOMLString.quoted($0.name)) = \(TOMLString.quoted($0.value))" }
                s += "headers = { \(pairs.joined(separator: ", ")) }\n"
            }
            if let body = t.body {
                s += "body = \(TOMLString.quoted(body))\n"
            } else if let file = t.bodiesFile, let path = bodiesFiles[file] {
                s += "bodies_file = \(TOMLString.quoted(path))\n"
            }
        }
        return s
    }
}
