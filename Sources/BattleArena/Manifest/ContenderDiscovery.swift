import BattleCore
import Foundation

/// A contender found on disk: its manifest, or why it could not be read.
public enum DiscoveredContender: Sendable, Equatable {
    case valid(ContenderManifest)
    /// `name` is the folder's name, used until the manifest is fixed.
    case invalid(name: String, folder: String, error: String)

    public var name: String {
        switch self {
        case .valid(let m): m.name
        case .invalid(let name, _, _): name
        }
    }
}

public enum ContenderDiscovery {
    public static let manifestName = "contender.toml"

    /// The repository root: the nearest folder at or above `start` holding
    /// both `contenders/` and `suite/schema.sql`.
    public static func findRoot(from start: String) -> String? {
        var dir = URL(fileURLWithPath: start).standardizedFileURL.path
        while true {
            if isRoot(dir) { return dir }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || parent.isEmpty { return nil }
            dir = parent
        }
    }

    public static func isRoot(_ dir: String) -> Bool {
        var isDir: ObjCBool = false
        let fm = FileManager.default
        return fm.fileExists(atPath: dir + "/contenders", isDirectory: &isDir) && isDir.boolValue
            && fm.fileExists(atPath: dir + "/suite/schema.sql")
    }

    /// Every `contenders/*/contender.toml` under `root` in name order, then
    /// the `extra` folders (or manifest files) given with `--contender`.
    /// Folders under `contenders/` without a manifest are ignored.
    public static func discover(root: String, extra: [String]) -> [DiscoveredContender] {
        let fm = FileManager.default
        var folders: [String] = []
        let base = root + "/contenders"
        for entry in ((try? fm.contentsOfDirectory(atPath: base)) ?? []).sorted() where !entry.hasPrefix(".") {
            let folder = base + "/" + entry
            if fm.fileExists(atPath: folder + "/" + manifestName) { folders.append(folder) }
        }
        for path in extra {
            let abs = URL(fileURLWithPath: path).standardizedFileURL.path
            folders.append(abs.hasSuffix(".toml") ? (abs as NSString).deletingLastPathComponent : abs)
        }
        var out: [DiscoveredContender] = []
        var seen: [String: String] = [:]
        for folder in folders {
            let file = folder + "/" + manifestName
            let shown = display(file, root: root)
            let fallbackName = (folder as NSString).lastPathComponent
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                out.append(.invalid(name: fallbackName, folder: folder, error: "\(shown): cannot read it; --contender takes a folder holding contender.toml"))
                continue
            }
            do {
                let m = try ContenderManifest.parse(text, file: shown, folder: folder)
                if let other = seen[m.name] {
                    out.append(.invalid(name: m.name, folder: folder, error: ManifestError(
                        file: shown, key: "name", message: "'\(m.name)' is already the name of \(other); names must be unique in a run").description))
                    continue
                }
                seen[m.name] = shown
                out.append(.valid(m))
            } catch {
                out.append(.invalid(name: fallbackName, folder: folder, error: error.description))
            }
        }
        return out
    }

    /// The default set of a run: `found` less the contenders under
    /// `root/contenders/` whose manifest says `default = false`. Contenders
    /// given with `--contender`, and manifests that failed (to be reported),
    /// stay.
    public static func defaultSet(_ found: [DiscoveredContender], root: String) -> [DiscoveredContender] {
        let base = root + "/contenders/"
        return found.filter { c in
            guard case .valid(let m) = c else { return true }
            return m.inDefaultSet || !m.folder.hasPrefix(base)
        }
    }

    /// `path` relative to `root` when it is inside it, for shorter messages.
    static func display(_ path: String, root: String) -> String {
        let r = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(r) ? String(path.dropFirst(r.count)) : path
    }
}
