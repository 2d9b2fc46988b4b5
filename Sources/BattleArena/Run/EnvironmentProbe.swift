import BattleCore
import Foundation

/// Reads where a run happens: CPU, kernel, memory, governor, battle's commit.
/// Parsers are pure and take file contents; `probe` reads the files.
public enum EnvironmentProbe {
    public static func probe(root: String) -> EnvironmentRecord {
        func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
        var uts = utsname()
        uname(&uts)
        let kernel = withUnsafePointer(to: uts.release) { $0.withMemoryRebound(to: CChar.self, capacity: 65) { String(cString: $0) } }
        return EnvironmentRecord(
            hostname: ProcessInfo.processInfo.hostName,
            os: read("/etc/os-release").flatMap(osName) ?? "Linux",
            kernel: kernel,
            cpuModel: read("/proc/cpuinfo").flatMap(cpuModel) ?? "unknown",
            logicalCPUs: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))),
            memoryBytes: read("/proc/meminfo").flatMap(memoryBytes) ?? 0,
            governor: read("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")?.trimmingCharacters(in: .whitespacesAndNewlines),
            toolchains: [:],
            battleCommit: gitCommit(root: root))
    }

    /// `PRETTY_NAME` of /etc/os-release.
    public static func osName(_ text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
            return String(line.dropFirst("PRETTY_NAME=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        return nil
    }

    /// The first `model name` of /proc/cpuinfo.
    public static func cpuModel(_ text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") { return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }

    /// `MemTotal` of /proc/meminfo in bytes.
    public static func memoryBytes(_ text: String) -> Int? {
        for line in text.split(separator: "\n") where line.hasPrefix("MemTotal:") {
            let parts = line.split(separator: " ")
            if parts.count >= 2, let kb = Int(parts[1]) { return kb * 1024 }
        }
        return nil
    }

    /// `HEAD`'s commit, with `-dirty` when tracked files have changes.
    static func gitCommit(root: String) -> String? {
        guard let head = try? CapturedCommand.runBlocking(["git", "-C", root, "rev-parse", "HEAD"], timeout: 10), head.succeeded,
            let commit = head.firstLine
        else { return nil }
        let status = try? CapturedCommand.runBlocking(
            ["git", "-C", root, "status", "--porcelain", "--untracked-files=no"], timeout: 20)
        let dirty = status.map { $0.succeeded && !$0.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? false
        return dirty ? commit + "-dirty" : commit
    }
}
