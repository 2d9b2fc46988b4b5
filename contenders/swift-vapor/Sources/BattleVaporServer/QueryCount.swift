/// The `queries` parameter of `/queries` and `/updates`, clamped to 1...500.
///
/// Missing, empty, not an integer (`foo`, `5abc`, `1;DROP TABLE world`) or
/// below 1 gives 1; above 500 gives 500, including integers too large for `Int`.
enum QueryCount {
    static let range = 1...500

    static func clamp(_ raw: String?) -> Int {
        guard let raw, !raw.isEmpty else { return range.lowerBound }
        if let value = Int(raw) {
            return min(max(value, range.lowerBound), range.upperBound)
        }
        // `Int.init` also fails on overflow: a run of digits is still an integer.
        var digits = Substring(raw)
        let negative = digits.first == "-"
        if negative || digits.first == "+" { digits = digits.dropFirst() }
        let isInteger = !digits.isEmpty && digits.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard isInteger, !negative else { return range.lowerBound }
        return range.upperBound
    }
}
