import BattleCore
import Foundation

/// Counts dependencies from the files ecosystems already keep. Pure: text in, counts out.
public enum DependencyCount {
    /// A manifest or lock file that should hold a count but cannot be read as
    /// its format (not TOML, or a date where battle reads none, say): said, never
    /// taken for "no count" in silence.
    public struct Unreadable: Error, CustomStringConvertible, Equatable {
        public var file: String
        public var reason: String
        public var description: String {
            "\(file): cannot read it (\(reason)), so no dependency count is recorded from it"
        }
    }

    /// Direct dependencies declared in a build manifest, chosen by its file name:
    /// `Cargo.toml` (`[dependencies]` entries), `go.mod` (requires not marked
    /// `// indirect`), `Package.swift` (`.package(` declarations). A local
    /// package (a Cargo `path =` dependency, `.package(path:`) is the
    /// contender's own code shared with its siblings, not a dependency: its
    /// lines count as the contender's, so it is left out here.
    public static func direct(manifestName: String, text: String) throws(Unreadable) -> Int? {
        switch (manifestName as NSString).lastPathComponent {
        case "Cargo.toml": try cargoDirect(text, file: manifestName)
        case "go.mod": goRequires(text).filter { !$0.indirect }.count
        case "Package.swift": swiftPackageDirect(text)
        default: nil
        }
    }

    /// Every dependency, direct and transitive, from a lock file chosen by its
    /// name: `Cargo.lock` (`[[package]]` entries except local crates, which have
    /// no `source`), `go.sum` (distinct modules), `go.mod` (every require,
    /// indirect ones included: what a `go.sum`-less module with `replace`s has),
    /// `Package.resolved` (pins).
    public static func total(lockfileName: String, text: String) throws(Unreadable) -> Int? {
        switch (lockfileName as NSString).lastPathComponent {
        case "Cargo.lock": try cargoLockTotal(text, file: lockfileName)
        case "go.sum": goSumModules(text)
        case "go.mod": goRequires(text).count
        case "Package.resolved": packageResolvedPins(text)
        default: nil
        }
    }

    // MARK: Rust

    static func cargoDirect(_ text: String, file: String) throws(Unreadable) -> Int {
        let t = try toml(text, file: file)
        let entries = t["dependencies"]?.table?.entries ?? []
        return entries.filter { $0.value.table?["path"] == nil }.count
    }

    static func cargoLockTotal(_ text: String, file: String) throws(Unreadable) -> Int {
        let t = try toml(text, file: file)
        guard let packages = t["package"]?.array else {
            throw Unreadable(file: file, reason: "no [[package]] entries")
        }
        return packages.filter { $0.table?["source"] != nil }.count
    }

    static func toml(_ text: String, file: String) throws(Unreadable) -> TOMLTable {
        do { return try TOMLReader.parse(text, file: file) } catch {
            throw Unreadable(file: file, reason: error.detail)
        }
    }

    // MARK: Go

    struct GoRequire: Equatable {
        var module: String
        var indirect: Bool
    }

    static func goRequires(_ text: String) -> [GoRequire] {
        var out: [GoRequire] = []
        var inBlock = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let indirect = line.contains("// indirect")
            let code = line.components(separatedBy: "//")[0].trimmingCharacters(in: .whitespaces)
            if inBlock {
                if code == ")" {
                    inBlock = false
                } else if let module = code.split(separator: " ").first, !code.isEmpty {
                    out.append(GoRequire(module: String(module), indirect: indirect))
                }
            } else if code.hasPrefix("require") {
                let rest = code.dropFirst("require".count).trimmingCharacters(in: .whitespaces)
                if rest.hasPrefix("(") {
                    inBlock = true
                } else if let module = rest.split(separator: " ").first {
                    out.append(GoRequire(module: String(module), indirect: indirect))
                }
            }
        }
        return out
    }

    static func goSumModules(_ text: String) -> Int {
        var modules = Set<String>()
        for line in text.split(separator: "\n") {
            if let module = line.split(separator: " ").first { modules.insert(String(module)) }
        }
        return modules.count
    }

    // MARK: Swift

    static func swiftPackageDirect(_ text: String) -> Int {
        // Count `.package(` outside line comments.
        text.split(separator: "\n").reduce(0) { n, line in
            let code = line.components(separatedBy: "//")[0]
            let local = code.components(separatedBy: ".package(path:").count - 1
            return n + code.components(separatedBy: ".package(").count - 1 - local
        }
    }

    static func packageResolvedPins(_ text: String) -> Int? {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return nil }
        if let pins = obj["pins"] as? [Any] { return pins.count }
        if let object = obj["object"] as? [String: Any], let pins = object["pins"] as? [Any] { return pins.count }
        return nil
    }
}
