/// Why a TOML file was refused: the file, where in it (a key, or the line and
/// column of a syntax error), and what is wrong with the fix. It is the one
/// error of every TOML file battle reads: manifests (`ManifestError`), targets
/// files (`TargetsFile.Failure`), the dataset, profiles, weights and prices
/// (`DataFileError`) are all this type, so a field error is never re-wrapped.
public struct TOMLFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Where in the file the problem is.
    public enum Place: Equatable, Sendable {
        /// The file as a whole (it cannot be read, or two tables disagree).
        case file
        /// A key path, such as `build.command` or `target[0].url`.
        case key(String)
        /// A syntax error's line and column (both from 1).
        case position(line: Int, column: Int)
    }

    public let file: String
    public let place: Place
    public let message: String

    /// An error at `key`, or about the whole file when `key` is nil.
    public init(file: String, key: String?, message: String) {
        self.file = file
        self.place = key.map(Place.key) ?? .file
        self.message = message
    }

    /// An error about the whole file.
    public init(file: String, message: String) {
        self.init(file: file, key: nil, message: message)
    }

    /// A syntax error at `line` and `column`.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.place = .position(line: line, column: column)
        self.message = message
    }

    /// The key path, when the error is at a key.
    public var key: String? { if case .key(let k) = place { k } else { nil } }

    /// `FILE: 'KEY': MESSAGE`, `FILE: line L, column C: MESSAGE` or `FILE: MESSAGE`.
    public var description: String { "\(file): \(detail)" }

    /// The description without the file: `'KEY': MESSAGE`, `line L, column C: MESSAGE` or `MESSAGE`.
    public var detail: String {
        switch place {
        case .file: message
        case .key(let key): "'\(key)': \(message)"
        case .position(let line, let column): "line \(line), column \(column): \(message)"
        }
    }
}
