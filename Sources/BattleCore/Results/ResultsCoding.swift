import Foundation

/// The one way battle writes and reads its JSON files: sorted keys (stable
/// diffs and golden files), ISO 8601 dates, pretty printed.
public enum ResultsCoding {
    public static func encoder(pretty: Bool = true) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting =
            pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        e.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }

    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        d.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }

    public enum ReadError: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case wrongFormat(path: String, found: String, expected: String)
        case invalid(path: String, reason: String)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason):
                "cannot read \(path): \(reason)"
            case .wrongFormat(let path, let found, let expected):
                "\(path) is '\(found)', not a \(expected) file; pass a results.json written by `battle run` (or its folder)"
            case .invalid(let path, let reason):
                "\(path) is not a valid results file: \(reason)"
            }
        }
    }

    /// Reads a results file, given the file or the run folder holding it.
    public static func readResults(at path: String) throws(ReadError) -> RunResults {
        var isDir: ObjCBool = false
        var file = path
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            file = (path as NSString).appendingPathComponent("results.json")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw .unreadable(path: file, reason: (error as NSError).localizedDescription)
        }
        struct Header: Decodable { var format: String? }
        let header = try? JSONDecoder().decode(Header.self, from: data)
        let format = header?.format ?? "unknown"
        let expected = "\(RunResults.formatName)/"
        guard format.hasPrefix(expected) else {
            throw .wrongFormat(path: file, found: format, expected: RunResults.formatName)
        }
        if let v = Int(format.dropFirst(expected.count)), v > RunResults.formatVersion {
            throw .invalid(
                path: file,
                reason:
                    "format version \(v) is newer than this battle reads (\(RunResults.formatVersion)); upgrade battle")
        }
        do { return try decoder().decode(RunResults.self, from: data) } catch {
            throw .invalid(path: file, reason: String(describing: error))
        }
    }

    /// Writes `value` as JSON to `path` atomically: a temporary file in the same
    /// folder, fsync, then rename, so a reader never sees half a file.
    public static func writeAtomically<T: Encodable>(_ value: T, to path: String) throws {
        let data = try encoder().encode(value)
        try AtomicFile.write(data + Data("\n".utf8), to: path)
    }
}

/// Write-then-rename, the only way battle writes files users keep: the file
/// at `path` is either its previous complete version or the new one, never
/// a part; a failed write leaves no temporary file behind.
public enum AtomicFile {
    /// A failed write: what failed and the system's reason (`No space left on device`).
    public struct WriteError: Error, CustomStringConvertible {
        public let step: String
        public let code: Int32
        public var description: String { "\(step): \(String(cString: strerror(code)))" }
        public init(step: String, code: Int32) {
            self.step = step
            self.code = code
        }
    }

    public static func write(_ data: Data, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let tmp = (dir.isEmpty ? "." : dir) + "/.\((path as NSString).lastPathComponent).tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(step: "creating \(tmp)", code: errno) }
        var failure: WriteError?
        if let code = FileWriting.writeAll(fd, data) { failure = WriteError(step: "writing \(tmp)", code: code) }
        if failure == nil, fsync(fd) != 0 { failure = WriteError(step: "syncing \(tmp)", code: errno) }
        if close(fd) != 0, failure == nil { failure = WriteError(step: "closing \(tmp)", code: errno) }
        if failure == nil, rename(tmp, path) != 0 {
            failure = WriteError(step: "renaming \(tmp) to \(path)", code: errno)
        }
        if let failure {
            unlink(tmp)
            throw failure
        }
    }
}
