import BattleCore

/// One concrete request of a test: its kind, the parameters drawn for it and
/// the bytes to send.
public struct SampledRequest: Sendable, Equatable {
    /// Index of the request kind in the test's `requests`.
    public var kind: Int
    public var parameters: ParameterValues
    public var method: String
    /// The path with parameters percent-encoded into it.
    public var target: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(
        kind: Int, parameters: ParameterValues, method: String, target: String,
        headers: [(name: String, value: String)], body: [UInt8]
    ) {
        self.kind = kind
        self.parameters = parameters
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    public static func == (a: SampledRequest, b: SampledRequest) -> Bool {
        a.kind == b.kind && a.parameters == b.parameters && a.method == b.method && a.target == b.target
            && a.body == b.body && a.headers.map(\.name) == b.headers.map(\.name)
            && a.headers.map(\.value) == b.headers.map(\.value)
    }
}

/// Draws a test's requests from a seed: the same seed gives the same requests
/// on every machine (SplitMix64).
public struct RequestSampler: Sendable {
    public let test: SuiteTestSpec
    private var random: SplitMix64

    public init(test: SuiteTestSpec, seed: UInt64) {
        self.test = test
        self.random = SplitMix64(seed: seed)
    }

    /// A request of kind `kind` with freshly drawn parameters.
    public mutating func request(kind: Int) -> SampledRequest {
        var values: [String: ParameterValue] = [:]
        for p in test.parameters {
            switch p.source {
            case .range(let r): values[p.name] = .integer(random.int(in: r))
            case .values(_, let lines): values[p.name] = .string(random.pick(lines))
            }
        }
        let parameters = ParameterValues(values)
        let spec = test.requests[kind]
        var body: [UInt8] = []
        switch spec.body {
        case nil: break
        case .template(let t)?: body = Array(t.render(parameters).utf8)
        case .lines(_, let lines)?: body = Array(random.pick(lines).utf8)
        }
        return SampledRequest(
            kind: kind, parameters: parameters, method: spec.method,
            target: spec.path.render(parameters, escaping: .percent),
            headers: spec.headers.map { (name: $0.name, value: $0.value.render(parameters)) }, body: body)
    }

    /// A request whose kind is drawn by the mix's weights.
    public mutating func mixed() -> SampledRequest {
        let total = test.requests.reduce(0) { $0 + $1.weight }
        var pick = random.int(in: 1...total)
        for (i, r) in test.requests.enumerated() {
            if pick <= r.weight { return request(kind: i) }
            pick -= r.weight
        }
        return request(kind: test.requests.count - 1)
    }
}
