import BattleCore

extension ResponseCheck {
    /// Checks one response to a request sent with `parameters`. A check that
    /// reads the database gets `database`; without one it is skipped, saying why.
    /// Built-ins also get the request (its target and body) and `now`, the
    /// verifier's clock in seconds since the epoch when the response arrived.
    public func evaluate(
        _ r: HTTPResponseRecord, parameters: ParameterValues, database: (any SuiteDatabaseReader)?,
        request: SampledRequest? = nil, now: Int? = nil
    ) -> SuiteVerdict {
        switch self {
        case .status(let expected):
            return r.status == expected
                ? .pass("status \(r.status)") : .fail("status \(r.status), expected \(expected)")
        case .headers(let names):
            let missing = names.filter { name in
                r.values(of: name).allSatisfy { $0.trimmingWhitespace().isEmpty }
            }
            return missing.isEmpty
                ? .pass("\(names.joined(separator: ", ")) present")
                : .fail("no \(missing.joined(separator: ", ")) header\(missing.count > 1 ? "s" : "")")
        case .headerValue(let name, let template):
            let expected = template.render(parameters)
            guard let actual = r.header(name) else { return .fail("no \(name) header, expected \"\(expected)\"") }
            return actual == expected
                ? .pass("\(name): \(actual)") : .fail("\(name) is \"\(actual)\", expected \"\(expected)\"")
        case .contentType(let expected):
            guard let value = r.header("Content-Type") else {
                return .fail("no Content-Type, expected \"\(expected)\"")
            }
            guard let want = MediaType.parse(expected), let got = MediaType.parse(value), want.accepts(got) else {
                return .fail("Content-Type is \"\(value)\", expected \"\(expected)\"")
            }
            return .pass("Content-Type \(value)")
        case .body(let template):
            let expected = template.render(parameters)
            return r.body == Array(expected.utf8)
                ? .pass("body is exactly \(BodyChecks.quote(Array(expected.utf8)))")
                : .fail("body is \(BodyChecks.quote(r.body)), expected \(BodyChecks.quote(Array(expected.utf8)))")
        case .schema(let file, let schema):
            switch r.json {
            case .failure(let e): return .fail("body is not JSON (\(e.description)): \(BodyChecks.quote(r.body))")
            case .success(let value):
                let problems = schema.violations(of: value)
                return problems.isEmpty
                    ? .pass("body matches \(file)")
                    : .fail("body breaks \(file): " + problems.joined(separator: "; "))
            }
        case .field(let f): return f.evaluate(r, parameters: parameters, database: database)
        case .builtin(let b): return b.evaluate(r, target: request?.target, body: request?.body ?? [], now: now)
        }
    }
}

extension FieldCheck {
    public func evaluate(
        _ r: HTTPResponseRecord, parameters: ParameterValues, database: (any SuiteDatabaseReader)?
    ) -> SuiteVerdict {
        let document: JSONValue
        switch r.json {
        case .failure(let e): return .fail("body is not JSON (\(e.description)): \(BodyChecks.quote(r.body))")
        case .success(let v): document = v
        }
        let at = pointer.text.isEmpty ? "the body" : pointer.text
        switch expected {
        case .value(let template):
            return compare(document, expected: template.filled(parameters), at: at)
        case .parameter(let name):
            guard let v = parameters[name] else { return .fail("no value was drawn for parameter \(name)") }
            return compare(document, expected: v.json, at: at)
        case .sql(let template):
            let sql = template.render(parameters, escaping: .sql)
            guard let database else { return .skip("needs --database-url to run \(sql)") }
            guard let actual = pointer.resolve(in: document) else { return .fail("\(at) is missing") }
            let text: String?
            do {
                text = try database.scalar(sql)
            } catch {
                return .fail("\(sql) failed: \(error.description)")
            }
            guard let text else { return .fail("\(sql) returned no row, so \(at) cannot be checked") }
            return Self.matches(actual, databaseText: text)
                ? .pass("\(at) is \(actual.compactText), as the database says")
                : .fail("\(at) is \(actual.compactText), the database says \(text) (\(sql))")
        }
    }

    func compare(_ document: JSONValue, expected: JSONValue, at: String) -> SuiteVerdict {
        guard let actual = pointer.resolve(in: document) else { return .fail("\(at) is missing") }
        let c = JSONValue.compare(expected: expected, actual: actual)
        guard c.isEqual else {
            return .fail("\(at) is \(actual.compactText), expected \(expected.compactText)")
        }
        return .pass("\(at) is \(expected.compactText)")
    }

    /// A JSON value against a database value's text: numbers by value, booleans as `t`/`f`,
    /// null as empty text, strings as they are, arrays and objects as JSON text.
    static func matches(_ value: JSONValue, databaseText text: String) -> Bool {
        switch value {
        case .null: text.isEmpty
        case .bool(let b): (b ? ["t", "true"] : ["f", "false"]).contains(text.lowercased())
        case .number(let n): JSONValue.sameNumber(n, text)
        case .string(let s): s == text
        case .array, .object: (try? JSONParser.parse(text)).map { $0.sameValue(as: value) } ?? false
        }
    }
}

extension BuiltinCheck {
    /// `target` and `body` are the request's; `now` the verifier's clock when the response arrived.
    public func evaluate(
        _ r: HTTPResponseRecord, target: String? = nil, body: [UInt8] = [], now: Int? = nil
    ) -> SuiteVerdict {
        switch self {
        case .plaintextBody: SuiteVerdict(BodyChecks.plaintext(r))
        case .jsonMessage: SuiteVerdict(BodyChecks.json(r))
        case .worldRow: SuiteVerdict(WorldChecks.single(r).1)
        case .fortunesPage: SuiteVerdict(FortunesCheck.page(r))
        case .dateHeader: SuiteVerdict(HeaderChecks.dateRule(r, now: now))
        case .framing: SuiteVerdict(HeaderChecks.framingRule(r))
        case .worldRows:
            SuiteVerdict(WorldChecks.array(r, expectedCount: QueryCount.clamp(QueryCount.parameter(in: target))).1)
        case .queriesClamping: SuiteVerdict(WorldChecks.clamping(r, target: target))
        case .orderAnswer: SuiteVerdict(OrderChecks.answer(r, toBody: body))
        }
    }
}

extension EffectCheck {
    /// The query's value now, or why it cannot be read.
    public func read(_ database: any SuiteDatabaseReader) -> Result<Int, SuiteDatabaseFailure> {
        do {
            guard let text = try database.scalar(query), let n = Int(text.trimmingWhitespace()) else {
                return .failure(SuiteDatabaseFailure("\(query) did not return one integer"))
            }
            return .success(n)
        } catch {
            return .failure(error)
        }
    }

    /// The change between `before` and `after` the test's `requests`.
    public func evaluate(before: Int, after: Int, requests: Int) -> SuiteVerdict {
        let delta = after - before
        switch change {
        case .perRequest(let n):
            let expected = n * requests
            return delta == expected
                ? .pass("\(query): \(before) → \(after), \(n) per request for \(requests) requests")
                : .fail(
                    "\(query): \(before) → \(after) (\(delta)), expected a change of \(expected) (\(n) per request for \(requests) requests)"
                )
        case .changed:
            return delta != 0
                ? .pass("\(query): \(before) → \(after)") : .fail("\(query) stayed \(before): nothing was written")
        case .unchanged:
            return delta == 0
                ? .pass("\(query) stayed \(before)") : .fail("\(query): \(before) → \(after), expected no change")
        }
    }
}

extension QueryCountCheck {
    /// Statements of this kind on this table among `statements`: the first word
    /// is the statement (or the statement follows a `WITH`), and the table is a
    /// whole word of the text.
    public func count(in statements: [StatementStat]) -> (calls: Int, hidden: Int) {
        var calls = 0
        var hidden = 0
        for s in statements {
            let q = s.query.lowercased().trimmingWhitespace()
            if q == "<insufficient privilege>" {
                hidden += s.calls
                continue
            }
            let words = q.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init)
            guard let first = words.first, words.contains(table) else { continue }
            if first == statement.rawValue || (first == "with" && words.contains(statement.rawValue)) {
                calls += s.calls
            }
        }
        return (calls, hidden)
    }

    public func evaluate(statements: [StatementStat], requests: Int) -> SuiteVerdict {
        evaluate(statements: statements, sent: Array(repeating: "", count: requests))
    }

    /// `sent`: the request name of every request sent (for `perKind`).
    public func evaluate(statements: [StatementStat], sent: [String]) -> SuiteVerdict {
        let (calls, hidden) = count(in: statements)
        let kind = "\(statement.rawValue.uppercased()) statements on \(table)"
        return SuiteVerdict(
            DatabaseChecks.enoughQueries(
                kind, executed: calls, expected: expected(sent: sent), requests: sent.count, hidden: hidden))
    }
}
