/// A JSON Schema, the subset a suite's body checks use (docs/SUITE.md,
/// "JSON Schema subset"), checked in pure Swift over `JSONValue`.
///
/// Keywords: `type` (one name or a list; `integer` means a number written
/// without fraction or exponent, as the Battle Suite's rules read it),
/// `properties`, `required`, `additionalProperties` (a boolean or a schema),
/// `items` (one schema for every element), `minItems`, `maxItems`, `enum`,
/// `const`, `minimum`, `maximum`, `minLength`, `maxLength` (in Unicode code
/// points), `anyOf`, `oneOf`, `$ref` (to `#/$defs/NAME` only) with `$defs`.
/// Annotations (`$schema`, `$id`, `$comment`, `title`, `description`,
/// `default`, `examples`) are ignored. Any other keyword is refused when the
/// schema is read, so a schema never checks less than it seems to.
public struct JSONSchema: Sendable, Equatable {
    /// The schema document as written.
    public let source: JSONValue
    let root: Node
    let definitions: [String: Node]

    public static func == (a: JSONSchema, b: JSONSchema) -> Bool { a.source == b.source }

    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        /// Where in the schema (a JSON pointer), and what is wrong.
        public var pointer: String
        public var message: String
        public var description: String { "\(pointer.isEmpty ? "(root)" : pointer): \(message)" }
    }

    public static let keywords: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "enum", "const",
        "minimum", "maximum", "minLength", "maxLength", "anyOf", "oneOf", "$ref", "$defs",
    ]
    public static let annotations: Set<String> = [
        "$schema", "$id", "$comment", "title", "description", "default", "examples",
    ]
    static let typeNames: Set<String> = ["null", "boolean", "object", "array", "number", "integer", "string"]

    public init(_ document: JSONValue) throws(ParseError) {
        source = document
        var defs: [String: Node] = [:]
        if let d = document["$defs"] {
            guard case .object(let members) = d else {
                throw ParseError(pointer: "/$defs", message: "must be an object")
            }
            for (name, value) in members { defs[name] = try Node.parse(value, at: "/$defs/\(name)") }
        }
        root = try Node.parse(document, at: "")
        definitions = defs
        for ref in root.references + defs.values.flatMap(\.references) where defs[ref] == nil {
            throw ParseError(pointer: "", message: "$ref names #/$defs/\(ref), which is not defined")
        }
    }

    /// Every place `value` breaks the schema, as `POINTER: PROBLEM`, at most `limit`.
    public func violations(of value: JSONValue, limit: Int = 5) -> [String] {
        var out: [String] = []
        root.check(value, at: "", defs: definitions, into: &out, limit: limit, depth: 0)
        return out
    }

    /// One schema object, parsed.
    final class Node: Sendable {
        let types: [String]?
        let properties: [(String, Node)]
        let required: [String]
        let additional: Additional
        let items: Node?
        let minItems: Int?
        let maxItems: Int?
        let enumValues: [JSONValue]?
        let constValue: JSONValue?
        let minimum: Double?
        let maximum: Double?
        let minLength: Int?
        let maxLength: Int?
        let anyOf: [Node]
        let oneOf: [Node]
        let ref: String?

        enum Additional {
            case allowed
            case forbidden
            case schema(Node)
        }

        init(
            types: [String]?, properties: [(String, Node)], required: [String], additional: Additional, items: Node?,
            minItems: Int?, maxItems: Int?, enumValues: [JSONValue]?, constValue: JSONValue?, minimum: Double?,
            maximum: Double?, minLength: Int?, maxLength: Int?, anyOf: [Node], oneOf: [Node], ref: String?
        ) {
            self.types = types
            self.properties = properties
            self.required = required
            self.additional = additional
            self.items = items
            self.minItems = minItems
            self.maxItems = maxItems
            self.enumValues = enumValues
            self.constValue = constValue
            self.minimum = minimum
            self.maximum = maximum
            self.minLength = minLength
            self.maxLength = maxLength
            self.anyOf = anyOf
            self.oneOf = oneOf
            self.ref = ref
        }

        /// Every `$defs` name this node and the nodes inside it refer to.
        var references: [String] {
            var out = ref.map { [$0] } ?? []
            out += properties.flatMap { $0.1.references }
            if case .schema(let s) = additional { out += s.references }
            out += (items?.references ?? []) + anyOf.flatMap(\.references) + oneOf.flatMap(\.references)
            return out
        }
    }
}

extension JSONSchema.Node {
    typealias ParseError = JSONSchema.ParseError

    static func parse(_ value: JSONValue, at pointer: String) throws(ParseError) -> JSONSchema.Node {
        if case .bool(true) = value { return parse(empty: ()) }
        guard case .object(let members) = value else {
            throw ParseError(
                pointer: pointer, message: "a schema must be an object (or true), not \(value.kindDescription)")
        }
        for (key, _) in members where !JSONSchema.keywords.contains(key) && !JSONSchema.annotations.contains(key) {
            throw ParseError(
                pointer: pointer,
                message:
                    "'\(key)' is not in battle's JSON Schema subset; use \(JSONSchema.keywords.sorted().joined(separator: ", "))"
            )
        }
        func count(_ key: String) throws(ParseError) -> Int? {
            guard let v = value[key] else { return nil }
            guard let n = v.integerValue, n >= 0 else {
                throw ParseError(pointer: pointer + "/" + key, message: "must be a whole number ≥ 0")
            }
            return n
        }
        func number(_ key: String) throws(ParseError) -> Double? {
            guard let v = value[key] else { return nil }
            guard case .number(let text) = v, let d = Double(text) else {
                throw ParseError(pointer: pointer + "/" + key, message: "must be a number")
            }
            return d
        }
        func list(_ key: String) throws(ParseError) -> [JSONSchema.Node] {
            guard let v = value[key] else { return [] }
            guard let a = v.arrayValue, !a.isEmpty else {
                throw ParseError(pointer: pointer + "/" + key, message: "must be a non-empty array of schemas")
            }
            var out: [JSONSchema.Node] = []
            for (i, s) in a.enumerated() { out.append(try parse(s, at: "\(pointer)/\(key)/\(i)")) }
            return out
        }

        var types: [String]?
        if let t = value["type"] {
            let names = t.stringValue.map { [$0] } ?? t.arrayValue?.compactMap(\.stringValue)
            guard let names, !names.isEmpty, names.count == (t.arrayValue?.count ?? 1),
                names.allSatisfy(JSONSchema.typeNames.contains)
            else {
                throw ParseError(
                    pointer: pointer + "/type",
                    message:
                        "must be one of \(JSONSchema.typeNames.sorted().joined(separator: ", ")), or a list of them")
            }
            types = names
        }
        var properties: [(String, JSONSchema.Node)] = []
        if let p = value["properties"] {
            guard case .object(let ps) = p else {
                throw ParseError(pointer: pointer + "/properties", message: "must be an object of schemas")
            }
            for (name, s) in ps { properties.append((name, try parse(s, at: "\(pointer)/properties/\(name)"))) }
        }
        var required: [String] = []
        if let r = value["required"] {
            guard let a = r.arrayValue, a.allSatisfy({ $0.stringValue != nil }) else {
                throw ParseError(pointer: pointer + "/required", message: "must be an array of property names")
            }
            required = a.compactMap(\.stringValue)
        }
        var additional = Additional.allowed
        switch value["additionalProperties"] {
        case nil, .bool(true)?: break
        case .bool(false)?: additional = .forbidden
        case let s?: additional = .schema(try parse(s, at: pointer + "/additionalProperties"))
        }
        let items = try value["items"].map { v throws(ParseError) in try parse(v, at: pointer + "/items") }
        var enumValues: [JSONValue]?
        if let e = value["enum"] {
            guard let a = e.arrayValue, !a.isEmpty else {
                throw ParseError(pointer: pointer + "/enum", message: "must be a non-empty array of values")
            }
            enumValues = a
        }
        var ref: String?
        if let r = value["$ref"] {
            guard let s = r.stringValue, s.hasPrefix("#/$defs/"), s.count > 8 else {
                throw ParseError(pointer: pointer + "/$ref", message: "only \"#/$defs/NAME\" references are supported")
            }
            ref = String(s.dropFirst(8))
        }
        return JSONSchema.Node(
            types: types, properties: properties, required: required, additional: additional, items: items,
            minItems: try count("minItems"), maxItems: try count("maxItems"), enumValues: enumValues,
            constValue: value["const"], minimum: try number("minimum"), maximum: try number("maximum"),
            minLength: try count("minLength"), maxLength: try count("maxLength"), anyOf: try list("anyOf"),
            oneOf: try list("oneOf"), ref: ref)
    }

    static func parse(empty: Void) -> JSONSchema.Node {
        JSONSchema.Node(
            types: nil, properties: [], required: [], additional: .allowed, items: nil, minItems: nil, maxItems: nil,
            enumValues: nil, constValue: nil, minimum: nil, maximum: nil, minLength: nil, maxLength: nil, anyOf: [],
            oneOf: [], ref: nil)
    }

    func check(
        _ value: JSONValue, at pointer: String, defs: [String: JSONSchema.Node], into out: inout [String], limit: Int,
        depth: Int
    ) {
        guard out.count < limit else { return }
        let here = pointer.isEmpty ? "/" : pointer
        guard depth < 64 else { return out.append("\(here): the schema's $refs nest deeper than 64") }
        if let ref, let target = defs[ref] {
            target.check(value, at: pointer, defs: defs, into: &out, limit: limit, depth: depth + 1)
        }
        if let types, !types.contains(where: { Self.matches(value, type: $0) }) {
            return out.append("\(here): expected \(types.joined(separator: " or ")), got \(value.kindDescription)")
        }
        if let enumValues, !enumValues.contains(where: { $0.sameValue(as: value) }) {
            out.append(
                "\(here): \(value.compactText) is not one of \(enumValues.map(\.compactText).joined(separator: ", "))")
        }
        if let constValue, !constValue.sameValue(as: value) {
            out.append("\(here): expected \(constValue.compactText), got \(value.compactText)")
        }
        switch value {
        case .object(let members):
            let keys = Set(members.map(\.0))
            for name in required where !keys.contains(name) { out.append("\(here): missing required \"\(name)\"") }
            var seen = Set<String>()
            for (key, member) in members where seen.insert(key).inserted {
                let at = pointer + "/" + Self.escape(key)
                if let p = properties.first(where: { $0.0 == key }) {
                    p.1.check(member, at: at, defs: defs, into: &out, limit: limit, depth: depth + 1)
                } else {
                    switch additional {
                    case .allowed: break
                    case .forbidden: out.append("\(here): \"\(key)\" is not allowed (additionalProperties is false)")
                    case .schema(let s): s.check(member, at: at, defs: defs, into: &out, limit: limit, depth: depth + 1)
                    }
                }
            }
        case .array(let elements):
            if let minItems, elements.count < minItems {
                out.append("\(here): \(elements.count) elements, at least \(minItems) expected")
            }
            if let maxItems, elements.count > maxItems {
                out.append("\(here): \(elements.count) elements, at most \(maxItems) expected")
            }
            if let items {
                for (i, e) in elements.enumerated() {
                    items.check(e, at: "\(pointer)/\(i)", defs: defs, into: &out, limit: limit, depth: depth + 1)
                }
            }
        case .number(let text):
            if let d = Double(text) {
                if let minimum, d < minimum {
                    out.append("\(here): \(text) is below the minimum \(Self.show(minimum))")
                }
                if let maximum, d > maximum {
                    out.append("\(here): \(text) is above the maximum \(Self.show(maximum))")
                }
            }
        case .string(let s):
            let n = s.unicodeScalars.count
            if let minLength, n < minLength { out.append("\(here): \(n) characters, at least \(minLength) expected") }
            if let maxLength, n > maxLength { out.append("\(here): \(n) characters, at most \(maxLength) expected") }
        case .null, .bool: break
        }
        if !anyOf.isEmpty, !anyOf.contains(where: { $0.accepts(value, defs: defs, depth: depth) }) {
            out.append("\(here): matches none of anyOf")
        }
        if !oneOf.isEmpty {
            let n = oneOf.filter { $0.accepts(value, defs: defs, depth: depth) }.count
            if n != 1 { out.append("\(here): matches \(n) of oneOf, exactly 1 expected") }
        }
    }

    func accepts(_ value: JSONValue, defs: [String: JSONSchema.Node], depth: Int) -> Bool {
        var errors: [String] = []
        check(value, at: "", defs: defs, into: &errors, limit: 1, depth: depth + 1)
        return errors.isEmpty
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("object", .object), ("array", .array), ("number", .number),
            ("string", .string):
            true
        case ("integer", .number(let text)): !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
        default: false
        }
    }

    static func escape(_ key: String) -> String {
        var out = ""
        for c in key {
            switch c {
            case "~": out += "~0"
            case "/": out += "~1"
            default: out.append(c)
            }
        }
        return out
    }

    static func show(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }
}
