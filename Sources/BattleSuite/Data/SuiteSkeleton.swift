/// The folder `battle suite new NAME` writes: a commented `suite.toml` with
/// one test that parses as it is, and the JSON Schema it names. Pure: the
/// command writes the files.
public enum SuiteSkeleton {
    /// The files, relative path → text, in the order they are written.
    public static func files(name: String) -> [(path: String, text: String)] {
        [("suite.toml", manifest(name: name)), ("schemas/item.json", itemSchema)]
    }

    static func manifest(name: String) -> String {
        """
        # The \(name) suite: the requests battle sends and what a correct answer is.
        # Format: docs/SUITE.md, "Suites as data". Check a server against it with
        #   battle verify http://127.0.0.1:8080 --suite \(name)
        # Unknown keys are errors, so a typo cannot silently drop a check.

        name = "\(name)"
        # Raise it whenever a change can change a measured figure; results record it.
        version = 1
        description = "What this suite measures, in one line."

        # The database seed: SQL files run in order on an empty database.
        # [database]
        # seed = ["sql/schema.sql", "sql/data.sql"]

        # One table per test. A test's name is lower case: letters, digits, - and _.
        [tests.item]
        description = "Read one item by id."
        # Requests of each kind `battle verify --suite` sends (default 5).
        verify_samples = 5

        # Parameters, drawn again for every request: an integer from a range,
        # or one line of a file (one value per line).
        [tests.item.params]
        id = { range = [1, 100] }
        # sku = { file = "values/skus.txt" }

        # The levels the test gets in a plan.
        [tests.item.plan]
        connections = [16, 64]     # closed-loop levels
        rates = []                 # open-loop levels, requests per second
        equal_rate = true          # takes part in the equal-rate rounds
        capacity = false           # takes part in the capacity search

        # One [[tests.NAME.requests]] per kind of request; several make a
        # traffic mix, each with a name and a weight.
        [[tests.item.requests]]
        # name = "read"
        # weight = 9
        method = "GET"
        path = "/items/{{id}}"            # {{NAME}} is a parameter, percent-encoded here
        headers = { Accept = "application/json" }
        # body = '{"id": {{id}}}'         # a template with the same parameters,
        # body_file = "bodies.jsonl"      # or one JSON value per line of a file

        # What every response must be. All checks are strict.
        [tests.item.requests.expect]
        status = 200
        headers = ["Server", "Date"]           # present and not empty
        content_type = "application/json"      # ; charset=utf-8 is allowed
        schema = "schemas/item.json"           # JSON Schema, the subset in docs/SUITE.md
        fields = [
          { pointer = "/id", param = "id" },                 # equals the parameter (an integer here)
          { pointer = "/name", equals = "Item {{id}}" },     # equals a value, strings are templates
          # { pointer = "/price", sql = "SELECT price FROM item WHERE id = {{id}}" },  # equals the database
        ]
        # builtin = ["fortunes-page"]          # battle's named checks

        # Database effects, checked after all of the test's requests (need --database-url):
        # [[tests.item.effects]]
        # name = "no writes"
        # query = "SELECT count(*) FROM item"
        # change = "none"                      # an integer per request, "any" or "none"
        # [[tests.item.query_counts]]
        # statement = "select"                 # select, insert, update or delete
        # table = "item"
        # per_request = 1

        """
    }

    static let itemSchema = """
        {
          "$comment": "An item as GET /items/{id} answers it. battle's JSON Schema subset: docs/SUITE.md.",
          "type": "object",
          "properties": {
            "id": { "type": "integer", "minimum": 1 },
            "name": { "type": "string", "minLength": 1 }
          },
          "required": ["id", "name"],
          "additionalProperties": false
        }

        """
}
