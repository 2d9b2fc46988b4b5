import BattleCore
import Foundation
import Testing

/// The writer every file and pipe write goes through: errors come back as
/// values naming the step and the file, never as a trap. /dev/full answers
/// every write with ENOSPC, as a full disk does.
@Suite struct FileWritingTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "battle-filewriting-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    @Test func appendCreatesThenAppends() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/log"
        try FileWriting.append("one\n", to: path)
        try FileWriting.append("two\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one\ntwo\n")
        try FileWriting.truncate(path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "")
    }

    @Test func aFullDiskIsAnErrorNamingTheFile() {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect {
            try FileWriting.append("more than nothing\n", to: "/dev/full")
        } throws: { error in
            guard let e = error as? AtomicFile.WriteError else { return false }
            return e.code == ENOSPC && e.description == "appending to /dev/full: No space left on device"
        }
    }

    @Test func aMissingFolderIsAnErrorNamingTheFile() {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/gone/log"
        #expect {
            try FileWriting.append("x", to: path)
        } throws: { error in
            (error as? AtomicFile.WriteError)?.description == "opening \(path): No such file or directory"
        }
    }

    @Test func aClosedPipeIsEPIPENotASignal() {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        StandardStream.ignoreBrokenPipe()
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        close(fds[0])
        defer { close(fds[1]) }
        #expect(FileWriting.writeAll(fds[1], Data("lost".utf8)) == EPIPE)
    }

    @Test func everyByteIsWrittenAcrossShortWrites() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A pipe takes at most its buffer per write: 1 MiB needs many writes while a reader drains it.
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let big = Data((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let readEnd = fds[0]
        let folder = folder
        let reader = Thread {
            var got = Data()
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = buffer.withUnsafeMutableBytes { Glibc.read(readEnd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                got.append(contentsOf: buffer[..<n])
            }
            close(readEnd)
            try? got.write(to: URL(fileURLWithPath: folder + "/got"))
        }
        reader.start()
        #expect(FileWriting.writeAll(fds[1], big) == nil)
        close(fds[1])
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: folder + "/got") { usleep(50_000) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/got")) == big)
    }

    @Test func atomicFileOnAFullDiskLeavesNoTemporaryFile() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The temporary file cannot be created in /proc: the error names that step.
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write(Data("x".utf8), to: "/proc/battle-test") }
        try AtomicFile.write(Data("kept".utf8), to: folder + "/results.json")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["results.json"])
    }
}
