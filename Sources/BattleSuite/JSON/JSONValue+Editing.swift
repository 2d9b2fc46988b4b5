extension JSONValue {
    /// A step in a path: an object key or an array index.
    public enum PathStep: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        case key(String)
        case index(Int)
        public init(stringLiteral value: String) { self = .key(value) }
        public init(integerLiteral value: Int) { self = .index(value) }
    }

    /// A copy with the value at `path` replaced (or added, for a new key), or
    /// removed when `value` is nil. Steps through values that are not
    /// containers leave the document unchanged.
    public func setting(_ path: [PathStep], to value: JSONValue?) -> JSONValue {
        guard let step = path.first else { return value ?? .null }
        let rest = Array(path.dropFirst())
        switch (self, step) {
        case (.object(var members), .key(let key)):
            if let i = members.firstIndex(where: { $0.0 == key }) {
                if rest.isEmpty, value == nil {
                    members.remove(at: i)
                } else {
                    members[i].1 = members[i].1.setting(rest, to: value)
                }
            } else if rest.isEmpty, let value {
                members.append((key, value))
            }
            return .object(members)
        case (.array(var elements), .index(let i)) where elements.indices.contains(i):
            if rest.isEmpty, value == nil {
                elements.remove(at: i)
            } else {
                elements[i] = elements[i].setting(rest, to: value)
            }
            return .array(elements)
        default:
            return self
        }
    }

    public func removing(_ path: [PathStep]) -> JSONValue { setting(path, to: nil) }
}
