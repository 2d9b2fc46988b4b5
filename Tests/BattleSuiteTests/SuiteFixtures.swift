import BattleCore
import BattleSuite
import Foundation

/// The example suite in Tests/Fixtures/suites/shop, read into `SuiteFiles`,
/// and variants of it for the error cases.
enum SuiteFixtures {
    static let repo = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let shopFolder = repo + "/Tests/Fixtures/suites/shop"

    static func shop() throws -> SuiteFiles { try files(in: shopFolder, named: "shop") }

    /// Every file below `folder`, read into `SuiteFiles` named `name`.
    static func files(in folder: String, named name: String) throws -> SuiteFiles {
        var files: [String: [UInt8]] = [:]
        let fm = FileManager.default
        for case let path as String in fm.enumerator(atPath: folder)! {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: folder + "/" + path, isDirectory: &isDir), !isDir.boolValue {
                files[path] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path)))
            }
        }
        return SuiteFiles(folder: name, files: files)
    }

    static var shopManifest: String {
        get throws { String(decoding: try shop().files["suite.toml"]!, as: UTF8.self) }
    }

    /// The shop suite with `suite.toml` edited: `old` replaced by `new` (which must occur).
    static func shop(replacing old: String, with new: String) throws -> SuiteFiles {
        var files = try shop()
        let text = try shopManifest
        precondition(text.contains(old), "the fixture has no \(old)")
        files.files["suite.toml"] = Array(text.replacingOccurrences(of: old, with: new).utf8)
        return files
    }

    /// A one-test suite around `test` (TOML for `[tests.t]` and below).
    static func minimal(_ test: String, extra: [String: String] = [:]) -> SuiteFiles {
        var texts = extra
        texts["suite.toml"] = "name = \"m\"\nversion = 1\n\n" + test
        return SuiteFiles(folder: "m", texts: texts)
    }
}
