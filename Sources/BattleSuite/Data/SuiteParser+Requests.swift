import BattleCore

extension SuiteParser {
    static let requestKeys: Set<String> = [
        "name", "weight", "method", "path", "headers", "body", "body_file", "expect", "verify_samples",
    ]
    static let expectKeys: Set<String> = [
        "status", "headers", "header_values", "content_type", "body", "schema", "fields", "builtin",
    ]
    static let fieldKeys: Set<String> = ["pointer", "equals", "param", "sql"]

    func request(
        _ r: TOMLTable, prefix: String, index: Int, single: Bool, known: [String]
    ) throws(TOMLFileError)
        -> RequestSpec
    {
        try r.rejectUnknownKeys(Self.requestKeys, file: file, prefix: prefix)
        let name: String
        if let n = try r.optionalString("name", file: file, prefix: prefix) {
            guard Self.isName(n) else {
                throw TOMLFileError(
                    file: file, key: prefix + "name", message: "use lower-case letters, digits, '-' and '_'")
            }
            name = n
        } else if single {
            name = "request"
        } else {
            throw TOMLFileError(
                file: file, key: prefix + "name",
                message: "a mix of requests needs a name for each, e.g. name = \"read\"")
        }
        let weight = try r.optionalInteger("weight", file: file, prefix: prefix) ?? 1
        guard weight >= 0 else {
            throw TOMLFileError(
                file: file, key: prefix + "weight",
                message: "must be 0 or more, not \(weight) (0: sent by `battle verify` only, never in a load)")
        }
        let samples = try r.optionalInteger("verify_samples", file: file, prefix: prefix)
        if let samples, !(1...1000).contains(samples) {
            throw TOMLFileError(
                file: file, key: prefix + "verify_samples",
                message: "must be 1..1000, not \(samples); leave it out to use the test's")
        }
        let method = try r.optionalString("method", file: file, prefix: prefix) ?? "GET"
        guard !method.isEmpty, method.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw TOMLFileError(
                file: file, key: prefix + "method",
                message: "'\(method)' is not a method; write it in capitals, e.g. \"GET\"")
        }
        let pathText = try r.requiredString("path", file: file, prefix: prefix)
        guard pathText.hasPrefix("/"), !pathText.contains(where: { $0 == " " || $0 == "\r" || $0 == "\n" }) else {
            throw TOMLFileError(
                file: file, key: prefix + "path",
                message:
                    "'\(pathText)' is not a request path; start it with '/' and percent-encode spaces, e.g. \"/items/{{id}}\""
            )
        }
        let path = try template(pathText, key: prefix + "path", known: known)
        var headers: [HeaderTemplate] = []
        if let h = try r.optionalTable("headers", file: file, prefix: prefix) {
            for (headerName, v) in h.entries {
                let key = prefix + "headers." + headerName
                guard Self.isToken(headerName) else {
                    throw TOMLFileError(file: file, key: key, message: "not a header name (letters, digits and -)")
                }
                guard !["host", "content-length", "transfer-encoding", "connection"].contains(headerName.lowercased())
                else {
                    throw TOMLFileError(
                        file: file, key: key,
                        message:
                            "battle sets \(headerName) itself (keep-alive HTTP/1.1 with Content-Length); leave it out")
                }
                guard let s = v.string, !s.contains(where: { $0 == "\r" || $0 == "\n" }) else {
                    throw TOMLFileError(file: file, key: key, message: "must be a one-line string in quotes")
                }
                headers.append(HeaderTemplate(name: headerName, value: try template(s, key: key, known: known)))
            }
        }
        var body: BodySpec?
        switch (r["body"], r["body_file"]) {
        case (nil, nil): break
        case (let b?, nil):
            guard let s = b.string else {
                throw TOMLFileError(
                    file: file, key: prefix + "body", message: "must be a string (''' for several lines)")
            }
            body = .template(try template(s, key: prefix + "body", known: known))
        case (nil, let f?):
            guard let path = f.string else {
                throw TOMLFileError(file: file, key: prefix + "body_file", message: "must be a path in quotes")
            }
            body = .lines(file: path, try jsonLines(path, key: prefix + "body_file"))
        default:
            throw TOMLFileError(
                file: file, key: prefix + "body_file", message: "give body or body_file, not both")
        }
        let expect = try r.optionalTable("expect", file: file, prefix: prefix) ?? TOMLTable()
        return RequestSpec(
            name: name, weight: weight, method: method, path: path, headers: headers, body: body,
            checks: try checks(expect, prefix: prefix + "expect.", known: known), verifySamples: samples)
    }

    /// The non-blank lines of a JSONL file, each checked to be one JSON value.
    func jsonLines(_ path: String, key: String) throws(TOMLFileError) -> [String] {
        var out: [String] = []
        for (n, raw) in try text(path, key: key).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.trimmingWhitespace().isEmpty { continue }
            do {
                _ = try JSONParser.parse(line)
            } catch {
                throw TOMLFileError(
                    file: file, key: key,
                    message:
                        "\(files.display(path)), line \(n + 1): \(error.description); JSONL holds one JSON value per line"
                )
            }
            out.append(line)
        }
        guard !out.isEmpty else {
            throw TOMLFileError(
                file: file, key: key, message: "\(files.display(path)) has no bodies; write one JSON value per line")
        }
        return out
    }

    func checks(_ e: TOMLTable, prefix: String, known: [String]) throws(TOMLFileError) -> [ResponseCheck] {
        try e.rejectUnknownKeys(Self.expectKeys, file: file, prefix: prefix)
        let status = try e.optionalInteger("status", file: file, prefix: prefix) ?? 200
        guard (100...599).contains(status) else {
            throw TOMLFileError(file: file, key: prefix + "status", message: "must be 100..599, not \(status)")
        }
        var out: [ResponseCheck] = [.status(status)]
        if let names = try e.optionalStrings("headers", file: file, prefix: prefix) {
            for n in names where !Self.isToken(n) {
                throw TOMLFileError(file: file, key: prefix + "headers", message: "'\(n)' is not a header name")
            }
            if !names.isEmpty { out.append(.headers(names)) }
        }
        if let values = try e.optionalTable("header_values", file: file, prefix: prefix) {
            for (name, v) in values.entries {
                let key = prefix + "header_values." + name
                guard Self.isToken(name), let s = v.string else {
                    throw TOMLFileError(
                        file: file, key: key,
                        message: "must be a header name with a string value, e.g. Vary = \"Accept\"")
                }
                out.append(.headerValue(name: name, value: try template(s, key: key, known: known)))
            }
        }
        if let type = try e.optionalString("content_type", file: file, prefix: prefix) {
            guard MediaType.parse(type) != nil else {
                throw TOMLFileError(
                    file: file, key: prefix + "content_type",
                    message: "'\(type)' is not a media type; write TYPE/SUBTYPE, e.g. \"application/json\"")
            }
            out.append(.contentType(type))
        }
        if let body = try e.optionalString("body", file: file, prefix: prefix) {
            out.append(.body(try template(body, key: prefix + "body", known: known)))
        }
        if let path = try e.optionalString("schema", file: file, prefix: prefix) {
            out.append(.schema(file: path, try schema(path, key: prefix + "schema")))
        }
        for (i, v) in (e["fields"]?.array ?? []).enumerated() {
            out.append(.field(try field(v, key: "\(prefix)fields[\(i)]", known: known)))
        }
        if let f = e["fields"], f.array == nil {
            throw TOMLFileError(
                file: file, key: prefix + "fields",
                message: "must be an array of tables, e.g. fields = [{ pointer = \"/id\", param = \"id\" }]")
        }
        for name in try e.optionalStrings("builtin", file: file, prefix: prefix) ?? [] {
            guard let b = BuiltinCheck(rawValue: name) else {
                throw TOMLFileError(
                    file: file, key: prefix + "builtin",
                    message:
                        "no built-in check '\(name)'; known: \(BuiltinCheck.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            out.append(.builtin(b))
        }
        return out
    }

    func schema(_ path: String, key: String) throws(TOMLFileError) -> JSONSchema {
        let document: JSONValue
        do {
            document = try JSONParser.parse(try text(path, key: key))
        } catch let e as JSONParser.Failure {
            throw TOMLFileError(file: file, key: key, message: "\(files.display(path)): \(e.description)")
        } catch let e as TOMLFileError {
            throw e
        } catch {
            throw TOMLFileError(file: file, key: key, message: "\(files.display(path)): \(error)")
        }
        do {
            return try JSONSchema(document)
        } catch {
            throw TOMLFileError(file: file, key: key, message: "\(files.display(path)) at \(error.description)")
        }
    }

    func field(_ v: TOMLValue, key: String, known: [String]) throws(TOMLFileError) -> FieldCheck {
        guard let t = v.table else {
            throw TOMLFileError(file: file, key: key, message: "must be a table: { pointer = \"/id\", param = \"id\" }")
        }
        try t.rejectUnknownKeys(Self.fieldKeys, file: file, prefix: key + ".")
        let pointerText = try t.requiredString("pointer", file: file, prefix: key + ".")
        let pointer: JSONPointer
        do {
            pointer = try JSONPointer(pointerText)
        } catch {
            throw TOMLFileError(file: file, key: key + ".pointer", message: error.message)
        }
        switch (t["equals"], t["param"], t["sql"]) {
        case (let value?, nil, nil):
            return FieldCheck(
                pointer: pointer, expected: .value(try valueTemplate(value, key: key + ".equals", known: known)))
        case (nil, let p?, nil):
            guard let name = p.string, known.contains(name) else {
                throw TOMLFileError(
                    file: file, key: key + ".param",
                    message: "must name a parameter of this test (declared: \(known.joined(separator: ", ")))")
            }
            return FieldCheck(pointer: pointer, expected: .parameter(name))
        case (nil, nil, let s?):
            guard let sql = s.string else {
                throw TOMLFileError(file: file, key: key + ".sql", message: "must be a query in quotes")
            }
            return FieldCheck(pointer: pointer, expected: .sql(try template(sql, key: key + ".sql", known: known)))
        default:
            throw TOMLFileError(
                file: file, key: key,
                message: "needs exactly one of `equals = VALUE`, `param = \"NAME\"` and `sql = \"SELECT ...\"`")
        }
    }

    func valueTemplate(_ v: TOMLValue, key: String, known: [String]) throws(TOMLFileError) -> ValueTemplate {
        switch v {
        case .string(let s): return .string(try template(s, key: key, known: known))
        case .integer(let i): return .number(String(i))
        case .float(let d):
            guard d.isFinite else {
                throw TOMLFileError(file: file, key: key, message: "JSON has no inf or nan; write a finite number")
            }
            return .number(String(d))
        case .bool(let b): return .bool(b)
        case .array(let a):
            var out: [ValueTemplate] = []
            for (i, e) in a.enumerated() { out.append(try valueTemplate(e, key: "\(key)[\(i)]", known: known)) }
            return .array(out)
        case .table(let t):
            var out: [ValueTemplate.ObjectMember] = []
            for (k, e) in t.entries {
                out.append(
                    ValueTemplate.ObjectMember(key: k, value: try valueTemplate(e, key: "\(key).\(k)", known: known)))
            }
            return .object(out)
        }
    }

    static func isToken(_ s: String) -> Bool {
        !s.isEmpty
            && s.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
                        || "-_.!#$%&'*+^`|~".unicodeScalars.contains($0))
            }
    }
}
