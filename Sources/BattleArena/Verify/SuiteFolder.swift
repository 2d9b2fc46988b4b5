import BattleCore
import BattleSuite
import Foundation

/// Reads a suite folder from disk into `SuiteFiles` and parses it: the one
/// place a data suite touches the file system.
public enum SuiteFolder {
    /// Files larger than this are refused (a suite is data for requests, not a database dump).
    static let maxFileBytes = 64 << 20

    /// Every regular file under `path` (hidden files and folders left out), parsed.
    public static func load(_ path: String) throws(TOMLFileError) -> SuiteSpec {
        try SuiteParser.parse(try read(path))
    }

    public static func read(_ path: String) throws(TOMLFileError) -> SuiteFiles {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TOMLFileError(
                file: path,
                message:
                    "no such folder; give the suite's folder (the one holding suite.toml), or write one with `battle suite new NAME`"
            )
        }
        let root = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        guard
            let walker = fm.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else {
            throw TOMLFileError(file: path, message: "cannot list the folder; check its permissions")
        }
        var files: [String: [UInt8]] = [:]
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let full = url.resolvingSymlinksInPath().path
            guard full.hasPrefix(prefix) else { continue }
            let relative = String(full.dropFirst(prefix.count))
            guard let data = fm.contents(atPath: full) else {
                throw TOMLFileError(file: path + "/" + relative, message: "cannot read it; check its permissions")
            }
            guard data.count <= maxFileBytes else {
                throw TOMLFileError(
                    file: path + "/" + relative,
                    message: "is \(data.count) bytes, more than a suite file may be (64 MiB)")
            }
            files[relative] = [UInt8](data)
        }
        return SuiteFiles(folder: path, files: files)
    }
}
