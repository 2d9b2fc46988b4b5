/// A suite folder's files as values: relative path (`/`-separated) → bytes.
/// Read from disk by BattleArena's `SuiteFolder`; built by hand in tests.
/// The parser only looks things up here, so it does no I/O.
public struct SuiteFiles: Sendable, Equatable {
    /// The folder as the user named it, for messages (`suites/shop`).
    public var folder: String
    public var files: [String: [UInt8]]

    public init(folder: String, files: [String: [UInt8]]) {
        self.folder = folder
        self.files = files
    }

    public init(folder: String, texts: [String: String]) {
        self.init(folder: folder, files: texts.mapValues { Array($0.utf8) })
    }

    /// The manifest's name in the folder.
    public static let manifest = "suite.toml"

    /// `FOLDER/PATH`, as messages name a file.
    public func display(_ path: String) -> String {
        folder.isEmpty ? path : (folder.hasSuffix("/") ? folder + path : folder + "/" + path)
    }

    /// SHA-256 over every file, in path order, each as its path, a NUL, its
    /// length in decimal, a NUL and its bytes: a file renamed, added, removed
    /// or edited changes it; where the folder is does not.
    public var contentHash: String {
        var bytes: [UInt8] = []
        for path in files.keys.sorted() {
            let content = files[path]!
            bytes += Array(path.utf8) + [0] + Array(String(content.count).utf8) + [0] + content
        }
        return SHA256.hex(bytes)
    }
}
