/// Every profile's verdict for one results file: `battle verdict --all-profiles --json`
/// (schemas/verdict.schema.json, `$defs.verdictSet`).
public struct VerdictSet: Encodable, Sendable {
    public var format = "battle-verdicts/1"
    public var resultsID: String
    public var verdicts: [Verdict]

    public init(resultsID: String, verdicts: [Verdict]) {
        self.resultsID = resultsID
        self.verdicts = verdicts
    }
}
