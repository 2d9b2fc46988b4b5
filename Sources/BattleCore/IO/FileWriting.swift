import Foundation

/// Writes that report their errors: every byte battle writes to a file or a
/// pipe goes through here (or through `AtomicFile`, which uses it), never
/// through Foundation's legacy `FileHandle.write(_:)` and
/// `seekToEndOfFile()`, which trap on the first error (a full disk, a closed
/// pipe). `scripts/check-io-calls` refuses those in Sources.
public enum FileWriting {
    /// Writes all of `bytes` to `fd`, retrying short writes and EINTR.
    /// Returns nil when everything was written, else the errno (ENOSPC for a
    /// write that made no progress without one).
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(fd, base + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return errno }
            if n == 0 { return ENOSPC }
            offset += n
        }
        return nil
    }

    /// `writeAll` for `Data`.
    public static func writeAll(_ fd: Int32, _ data: Data) -> Int32? {
        data.withUnsafeBytes { writeAll(fd, $0) }
    }

    /// Appends `text` to the file at `path`, creating it (mode 0644) when
    /// missing. One `open(O_APPEND)`, the writes, one `close`: a failure at
    /// any step is thrown with the step and the file named.
    public static func append(_ text: String, to path: String) throws(AtomicFile.WriteError) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicFile.WriteError(step: "opening \(path)", code: errno) }
        var failure: AtomicFile.WriteError?
        if let code = writeAll(fd, Data(text.utf8)) {
            failure = AtomicFile.WriteError(step: "appending to \(path)", code: code)
        }
        if close(fd) != 0, failure == nil { failure = AtomicFile.WriteError(step: "closing \(path)", code: errno) }
        if let failure { throw failure }
    }

    /// Creates `path` empty, or empties it (a fresh log for this run).
    public static func truncate(_ path: String) throws(AtomicFile.WriteError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicFile.WriteError(step: "creating \(path)", code: errno) }
        if close(fd) != 0 { throw AtomicFile.WriteError(step: "closing \(path)", code: errno) }
    }
}
