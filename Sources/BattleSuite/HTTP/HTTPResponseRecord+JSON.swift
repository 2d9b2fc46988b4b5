import BattleCore

extension HTTPResponseRecord {
    /// The body as JSON, or why it is not.
    public var json: Result<JSONValue, JSONParser.Failure> {
        Result { () throws(JSONParser.Failure) -> JSONValue in try JSONParser.parse(body) }
    }
}
