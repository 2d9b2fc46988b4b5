/// A terminal colour for a table cell or a line; escape codes never count
/// towards a column's width.
public enum TerminalStyle: Sendable, Equatable {
    case plain, bold, dim, red, green, yellow

    public func paint(_ s: String) -> String {
        let code: String
        switch self {
        case .plain: return s
        case .bold: code = "1"
        case .dim: code = "2"
        case .red: code = "31"
        case .green: code = "32"
        case .yellow: code = "33"
        }
        return "\u{1B}[\(code)m" + s + "\u{1B}[0m"
    }

    /// `paint(s)` when `color`, else `s`.
    public func paint(_ s: String, if color: Bool) -> String { color ? paint(s) : s }
}
