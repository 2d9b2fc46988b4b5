import BattleArena
import BattleCore
import Foundation
import Testing

/// A log that cannot be written is reported once and given up; the others go on.
@Suite struct LogAppenderTests {
    final class Heard: Sendable {
        let lines = LockedBox<[String]>([])
    }

    @Test func aFullLogIsReportedOnceAndGivenUp() throws {
        let heard = Heard()
        let logs = LogAppender { line in heard.lines.withLock { $0.append(line) } }
        logs.append("first\n", to: "/dev/full")
        logs.append("second\n", to: "/dev/full")
        logs.start("/dev/full")
        #expect(logs.isGivenUp("/dev/full"))
        #expect(
            heard.lines.current == [
                "the log /dev/full could not be written (appending to /dev/full: No space left on device); battle stopped writing it, the run goes on"
            ])
        #expect(logs.problems == heard.lines.current)
        guard case .null = logs.output("/dev/full") else {
            Issue.record("a given-up log still takes a child's output")
            return
        }
    }

    @Test func aWritableLogGoesOnBesideAGivenUpOne() throws {
        let folder = NSTemporaryDirectory() + "battle-logs-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let logs = LogAppender { _ in }
        logs.append("lost\n", to: "/dev/full")
        logs.start(folder + "/build.log")
        logs.append("kept\n", to: folder + "/build.log")
        #expect(try String(contentsOfFile: folder + "/build.log", encoding: .utf8) == "kept\n")
        #expect(!logs.isGivenUp(folder + "/build.log"))
        guard case .file(let path) = logs.output(folder + "/build.log") else {
            Issue.record("a writable log does not take a child's output")
            return
        }
        #expect(path == folder + "/build.log")
    }

    @Test func aLogThatCannotBeOpenedSendsAChildsOutputNowhere() {
        let heard = Heard()
        let logs = LogAppender { line in heard.lines.withLock { $0.append(line) } }
        guard case .null = logs.output("/nonexistent-battle-folder/server.log") else {
            Issue.record("a child would fail to start for its log")
            return
        }
        #expect(heard.lines.current.count == 1)
        #expect(
            heard.lines.current.first?.contains("opening /nonexistent-battle-folder/server.log: No such file") == true)
    }
}
