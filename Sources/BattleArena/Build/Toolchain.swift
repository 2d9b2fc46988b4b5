import Foundation

/// Finds the commands a manifest's `toolchain.requires` names.
public enum ToolchainCheck {
    /// Folders searched besides PATH: BATTLE_TOOLS, its `bin`, and every `BATTLE_TOOLS/*/bin`
    /// (where scripts/bootstrap puts toolchains, e.g. `.tools/go/bin`).
    public static func searchPath(path: String, tools: String) -> String {
        var dirs = path.split(separator: ":").map(String.init)
        dirs += [tools, tools + "/bin"]
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: tools) {
            dirs += entries.sorted().map { "\(tools)/\($0)/bin" }
        }
        return dirs.joined(separator: ":")
    }

    /// The required commands that cannot be found.
    public static func missing(_ requires: [String], path: String, tools: String) -> [String] {
        let search = searchPath(path: path, tools: tools)
        return requires.filter { ExecutableLookup.find($0, path: search) == nil }
    }
}
