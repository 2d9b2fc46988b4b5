import BattleCore

/// Text with `{{name}}` placeholders for a test's parameters: request paths,
/// headers and bodies, expected values, SQL. Parsed once; filling it cannot fail.
public struct Template: Sendable, Equatable, CustomStringConvertible {
    public enum Part: Sendable, Equatable {
        case text(String)
        case parameter(String)
    }

    public var parts: [Part]

    /// How a parameter's value is written into the text.
    public enum Escaping: Sendable {
        /// As it is.
        case none
        /// Percent-encoded, every byte but RFC 3986's unreserved ones (for paths).
        case percent
        /// As a SQL literal: an integer bare, a string in single quotes with `'` doubled.
        case sql
    }

    public init(parts: [Part]) { self.parts = parts }

    /// A template with no placeholder.
    public static func literal(_ text: String) -> Template { Template(parts: text.isEmpty ? [] : [.text(text)]) }

    public struct ParseError: Error, Equatable, Sendable {
        public var message: String
    }

    /// Parses `{{name}}` placeholders (spaces inside the braces are allowed).
    /// A `{{` that is not closed by `}}` on the same text, or that holds
    /// something other than a name, is an error.
    public static func parse(_ text: String) throws(ParseError) -> Template {
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<open.lowerBound]))) }
            let after = rest[open.upperBound...]
            guard let close = after.firstRange(of: "}}") else {
                throw ParseError(message: "'{{' without a closing '}}'; write a placeholder as {{name}}")
            }
            let name = String(after[..<close.lowerBound]).trimmingWhitespace()
            guard Self.isName(name) else {
                throw ParseError(
                    message: "'{{\(after[..<close.lowerBound])}}' is not a parameter name (letters, digits, _ and -)")
            }
            parts.append(.parameter(name))
            rest = after[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        return Template(parts: parts)
    }

    static func isName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return s.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" || $0 == "-"
        }
    }

    /// The parameters the template names, in order, without repeats.
    public var parameters: [String] {
        var seen = Set<String>()
        return parts.compactMap { if case .parameter(let p) = $0, seen.insert(p).inserted { p } else { nil } }
    }

    /// The text with each placeholder replaced; a parameter without a value stays `{{name}}`.
    public func render(_ values: ParameterValues, escaping: Escaping = .none) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .text(let t): out += t
            case .parameter(let p):
                guard let v = values[p] else {
                    out += "{{\(p)}}"
                    continue
                }
                switch escaping {
                case .none: out += v.text
                case .percent: out += Self.percentEncoded(v.text)
                case .sql: out += v.sqlLiteral
                }
            }
        }
        return out
    }

    public var description: String {
        parts.map { if case .text(let t) = $0 { t } else if case .parameter(let p) = $0 { "{{\(p)}}" } else { "" } }
            .joined()
    }

    static func percentEncoded(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            let c = Unicode.Scalar(byte)
            if c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || "-._~".unicodeScalars.contains(c))
            {
                out.unicodeScalars.append(c)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}

/// A parameter's value for one request.
public enum ParameterValue: Sendable, Equatable, Hashable {
    case integer(Int)
    case string(String)

    public var text: String {
        switch self {
        case .integer(let i): String(i)
        case .string(let s): s
        }
    }

    public var json: JSONValue {
        switch self {
        case .integer(let i): .integer(i)
        case .string(let s): .string(s)
        }
    }

    public var sqlLiteral: String {
        switch self {
        case .integer(let i): String(i)
        case .string(let s):
            "'" + s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        }
    }
}

/// The values drawn for one request, by parameter name.
public struct ParameterValues: Sendable, Equatable {
    public var values: [String: ParameterValue]

    public init(_ values: [String: ParameterValue] = [:]) { self.values = values }

    public subscript(name: String) -> ParameterValue? { values[name] }

    /// `a=1, b=x`, sorted by name, for messages.
    public var description: String {
        values.keys.sorted().map { "\($0)=\(values[$0]!.text)" }.joined(separator: ", ")
    }
}
