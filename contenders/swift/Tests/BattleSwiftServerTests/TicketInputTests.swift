import Foundation
import Testing

@testable import BattleSwiftServer

@Suite("helpdesk: list query, ticket id and create body")
struct TicketInputTests {
    static func listFailure(status: String?, after: String? = nil, limit: String? = nil) -> String? {
        do {
            _ = try TicketListQuery.parse(status: status, after: after, limit: limit)
            return nil
        } catch {
            return error.message
        }
    }

    static func createFailure(_ body: String) -> String? {
        do {
            _ = try NewTicket.validate(body: Data(body.utf8))
            return nil
        } catch {
            return error.message
        }
    }

    @Test func listDefaultsAndBounds() throws {
        #expect(
            try TicketListQuery.parse(status: "open", after: nil, limit: nil)
                == .init(status: .open, after: 0, limit: 20))
        #expect(
            try TicketListQuery.parse(status: "closed", after: "9000", limit: "100")
                == .init(status: .closed, after: 9000, limit: 100))
        #expect(try TicketListQuery.parse(status: "pending", after: "0", limit: "1").limit == 1)
    }

    @Test func listRefusalsNameTheParameter() {
        #expect(Self.listFailure(status: nil, limit: "5") == "status: is required")
        #expect(Self.listFailure(status: "archived") == "status: must be one of open, pending, closed")
        #expect(Self.listFailure(status: "Open") == "status: must be one of open, pending, closed")
        for after in ["ten", "-1", "+5", "", " 5", "1.0", "99999999999999999999"] {
            #expect(
                Self.listFailure(status: "open", after: after) == "after: must be an integer >= 0", "after=\(after)")
        }
        for limit in ["0", "101", "1000", "x", "", "+1", "20.0"] {
            #expect(
                Self.listFailure(status: "open", limit: limit) == "limit: must be an integer from 1 to 100",
                "limit=\(limit)")
        }
        // Status is checked first.
        #expect(Self.listFailure(status: "x", after: "y", limit: "z")?.hasPrefix("status:") == true)
    }

    @Test func ticketIdIsAPositiveInteger() throws {
        #expect(try TicketListQuery.ticketId("1") == 1)
        #expect(try TicketListQuery.ticketId("99999999") == 99_999_999)
        for raw in ["0", "abc", "-1", "1.5", "", "+1", nil] as [String?] {
            #expect(throws: HelpdeskInputError(field: "id", reason: "must be a positive integer")) {
                try TicketListQuery.ticketId(raw)
            }
        }
    }

    @Test func acceptsAValidBodyAndIgnoresOtherKeys() throws {
        let body = #"{"customerId":42,"subject":"Invoice 2026-11 ✓","priority":3,"tags":["x"],"status":"closed"}"#
        #expect(
            try NewTicket.validate(body: Data(body.utf8))
                == NewTicket(customerId: 42, subject: "Invoice 2026-11 ✓", priority: 3))
        let longest = String(repeating: "🖨", count: 200)
        #expect(
            try NewTicket.validate(body: Data(#"{"customerId":2147483647,"subject":"\#(longest)","priority":4}"#.utf8))
                .customerId == Int32.max)
    }

    @Test func refusesEachFieldInOrder() {
        let cases: [(String, String)] = [
            (#"{"customerId":1,"subject":"cut short"#, "body: is not valid JSON"),
            (#"{"customerId":1,"subject":"x","priority":1,}"#, "body: is not valid JSON"),
            ("[]", "body: must be a JSON object"),
            (#""a string""#, "body: must be a JSON object"),
            ("null", "body: must be a JSON object"),
            ("42", "body: must be a JSON object"),
            ("{}", "customerId: is required"),
            (#"{"subject":"x","priority":1}"#, "customerId: is required"),
            (#"{"customerId":null,"subject":"x","priority":1}"#, "customerId: must be an integer from 1 to 2147483647"),
            (#"{"customerId":"5","subject":"x","priority":1}"#, "customerId: must be an integer from 1 to 2147483647"),
            (#"{"customerId":0,"subject":"x","priority":1}"#, "customerId: must be an integer from 1 to 2147483647"),
            (#"{"customerId":-3,"subject":"x","priority":1}"#, "customerId: must be an integer from 1 to 2147483647"),
            (
                #"{"customerId":2147483648,"subject":"x","priority":1}"#,
                "customerId: must be an integer from 1 to 2147483647"
            ),
            (#"{"customerId":3.0,"subject":"x","priority":1}"#, "customerId: must be an integer from 1 to 2147483647"),
            (#"{"customerId":1e2,"subject":"x","priority":1}"#, "customerId: must be an integer from 1 to 2147483647"),
            (#"{"customerId":true,"subject":"x","priority":1}"#, "customerId: must be an integer from 1 to 2147483647"),
            (#"{"customerId":5,"priority":1}"#, "subject: is required"),
            (#"{"customerId":5,"subject":17,"priority":1}"#, "subject: must be a string"),
            (#"{"customerId":5,"subject":"","priority":1}"#, "subject: must have 1 to 200 characters"),
            (#"{"customerId":5,"subject":"   \t \u00a0","priority":1}"#, "subject: must not be only whitespace"),
            (
                #"{"customerId":5,"subject":"\#(String(repeating: "é", count: 201))","priority":1}"#,
                "subject: must have 1 to 200 characters"
            ),
            (#"{"customerId":5,"subject":"x"}"#, "priority: is required"),
            (#"{"customerId":5,"subject":"x","priority":0}"#, "priority: must be an integer from 1 to 4"),
            (#"{"customerId":5,"subject":"x","priority":5}"#, "priority: must be an integer from 1 to 4"),
            (#"{"customerId":5,"subject":"x","priority":"2"}"#, "priority: must be an integer from 1 to 4"),
            (#"{"customerId":5,"subject":"x","priority":true}"#, "priority: must be an integer from 1 to 4"),
            (#"{"customerId":5,"subject":"x","priority":2.0}"#, "priority: must be an integer from 1 to 4"),
            (#"{"customerId":5,"subject":"x","priority":2.5}"#, "priority: must be an integer from 1 to 4"),
            // The first failing field wins: customerId before subject before priority.
            (#"{"customerId":0,"subject":"","priority":9}"#, "customerId: must be an integer from 1 to 2147483647"),
            (#"{"customerId":1,"subject":"","priority":9}"#, "subject: must have 1 to 200 characters"),
        ]
        for (body, message) in cases {
            #expect(Self.createFailure(body) == message, "\(body)")
        }
    }
}
