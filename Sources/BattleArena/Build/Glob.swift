import Foundation

/// Shell-style globs over paths relative to a folder: `*` and `?` within one
/// path segment, `**` for any number of segments, `[abc]` classes.
public struct Glob: Sendable, Equatable {
    public let pattern: String
    private let segments: [String]

    public init(_ pattern: String) {
        self.pattern = pattern
        segments = pattern.split(separator: "/").map(String.init).filter { $0 != "." }
    }

    /// Whether `path` (relative, `/`-separated) matches.
    public func matches(_ path: String) -> Bool {
        Self.match(segments[...], path.split(separator: "/").map(String.init)[...])
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            var rest = path
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let segment = path.first, segmentMatches(Array(head), Array(segment)) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    static func segmentMatches(_ p: [Character], _ s: [Character]) -> Bool {
        var pi = 0, si = 0
        var starP = -1, starS = 0
        while si < s.count {
            if pi < p.count, p[pi] == "*" {
                starP = pi
                starS = si
                pi += 1
            } else if pi < p.count, let (ok, next) = single(p, pi, s[si]), ok {
                pi = next
                si += 1
            } else if starP >= 0 {
                pi = starP + 1
                starS += 1
                si = starS
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// Matches one pattern element at `i` against `c`: `?`, a `[class]` or a literal.
    private static func single(_ p: [Character], _ i: Int, _ c: Character) -> (Bool, Int)? {
        switch p[i] {
        case "?": return (true, i + 1)
        case "[":
            guard let close = p[(i + 1)...].firstIndex(of: "]") else { return (p[i] == c, i + 1) }
            var set = Array(p[(i + 1)..<close])
            let negate = set.first == "!" || set.first == "^"
            if negate { set.removeFirst() }
            var hit = false
            var k = 0
            while k < set.count {
                if k + 2 < set.count, set[k + 1] == "-" {
                    if set[k] <= c && c <= set[k + 2] { hit = true }
                    k += 3
                } else {
                    if set[k] == c { hit = true }
                    k += 1
                }
            }
            return (hit != negate, close + 1)
        default: return (p[i] == c, i + 1)
        }
    }

    /// The regular files under `folder` matching any of `patterns`, relative
    /// and sorted. Hidden folders (`.build`, `.git`) are skipped unless a
    /// pattern names them.
    /// A pattern that climbs out of the folder (`../rust-domain/src/*.rs`: a
    /// local package the contender shares with its siblings) is walked from
    /// the folder it names and its files come back with that `../` prefix.
    public static func files(in folder: String, matching patterns: [String]) -> [String] {
        var inside: [String] = []
        var out: [String] = []
        for pattern in patterns {
            let segments = pattern.split(separator: "/").map(String.init).filter { $0 != "." }
            guard segments.first == ".." else {
                inside.append(pattern)
                continue
            }
            // The literal folders before the first segment with a glob character.
            var base = Array(segments.prefix { !$0.contains(where: { "*?[".contains($0) }) })
            if base.count == segments.count { base.removeLast() }
            let rest = segments.dropFirst(base.count).joined(separator: "/")
            let prefix = base.joined(separator: "/")
            out += walk(folder + "/" + prefix, [rest]).map { prefix + "/" + $0 }
        }
        if !inside.isEmpty { out += walk(folder, inside) }
        return Array(Set(out)).sorted()
    }

    private static func walk(_ folder: String, _ patterns: [String]) -> [String] {
        let globs = patterns.map(Glob.init)
        let explicitHidden = Set(globs.compactMap { $0.segments.first }.filter { $0.hasPrefix(".") })
        var out: [String] = []
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: folder) else { return [] }
        while let rel = e.nextObject() as? String {
            let attrs = e.fileAttributes
            let isDir = (attrs?[.type] as? FileAttributeType) == .typeDirectory
            let name = (rel as NSString).lastPathComponent
            if isDir {
                let top = rel.split(separator: "/").first.map(String.init) ?? rel
                if name.hasPrefix(".") && !explicitHidden.contains(top) { e.skipDescendants() }
                continue
            }
            if (attrs?[.type] as? FileAttributeType) == .typeRegular, globs.contains(where: { $0.matches(rel) }) {
                out.append(rel)
            }
        }
        return out.sorted()
    }
}
