import BattleCore
import Foundation

extension ArenaRun {
    /// Builds every active contender, one at a time, before anything is measured
    /// (a build must not compete with a measured server for CPU).
    func buildAll() async throws {
        let builder = Builder(
            root: options.root, tools: options.tools, logFolder: store.logFolder,
            skipCleanBuild: options.skipCleanBuild,
            environment: options.environment, logs: logs)
        for id in slots.ids where slots[id].active {
            guard let m = slots[id].manifest else { continue }
            if options.skipBuild {
                say("\(m.name): not building (--no-build)")
                if let v = await builder.toolchainVersion(m, interruption: interruption) {
                    slots[id].result.build = BuildRecord(toolchainVersion: v)
                    results.environment.toolchains[m.toolchain.requires.first ?? m.name] = v
                }
                continue
            }
            // A tier without build settings runs the binary its idiomatic entry built.
            if let shared = slots.earlierSlot(sharingBuildWith: id), let other = slots[shared].manifest {
                slots[id].result.build = slots[shared].result.build
                if slots[shared].result.status == .buildFailed {
                    fail(
                        id, .buildFailed,
                        "the same build as \(other.name) (its tier has no build settings), which failed")
                } else {
                    say("\(m.name): the same build as \(other.name) (its tier has no build settings): not built again")
                }
                continue
            }
            say("\(m.name): building in \(ContenderDiscovery.display(m.folder, root: options.root))")
            let outcome = try await builder.build(
                m, progress: { [progress] in progress.say($0) }, interruption: interruption, supervisor: supervisor)
            switch outcome {
            case .built(let record):
                slots[id].result.build = record
                var parts: [String] = []
                if let s = record.cleanSeconds { parts.append("clean \(Format.duration(s))") }
                if let s = record.incrementalSeconds { parts.append("incremental \(Format.duration(s))") }
                if let b = record.binaryBytes { parts.append(Format.bytes(b)) }
                if let l = record.linesOfCode { parts.append("\(l) lines") }
                say("\(m.name): built (\(parts.joined(separator: ", ")))")
            case .failed(let record, let reason):
                slots[id].result.build = record
                fail(id, .buildFailed, reason)
            }
            if let v = slots[id].result.build?.toolchainVersion {
                results.environment.toolchains[m.toolchain.requires.first ?? m.name] = v
            }
            if let tool = slots[id].result.build?.locTool { results.environment.toolchains["loc"] = tool }
            save()
        }
    }

    /// The earlier entry whose build entry `i` shares: the same folder and the
    /// same `[build]` (a tier with only run settings), so one build serves both.
    static func sharedBuild(_ i: Int, _ manifests: [ContenderManifest?]) -> Int? {
        guard let m = manifests[i] else { return nil }
        return manifests[..<i].firstIndex { $0?.folder == m.folder && $0?.build == m.build }
    }
}
