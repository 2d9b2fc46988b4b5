import Foundation
import Testing

@testable import BattleSwiftServer

@Suite("helpdesk: answers in the contract's key order")
struct HelpdeskJSONTests {
    static let first = TicketSummary(id: 1, customerId: 8, subject: "Ticket 1", status: "open", priority: 2)
    static let second = TicketSummary(id: 2, customerId: 15, subject: "Ticket 2", status: "open", priority: 3)

    @Test func listWithAndWithoutNext() {
        #expect(
            HelpdeskJSON.list([Self.first, Self.second], next: 2)
                == #"{"items":[{"id":1,"customerId":8,"subject":"Ticket 1","status":"open","priority":2},"#
                + #"{"id":2,"customerId":15,"subject":"Ticket 2","status":"open","priority":3}],"next":2}"#)
        #expect(HelpdeskJSON.list([], next: nil) == #"{"items":[],"next":null}"#)
    }

    @Test func detailNestsTheCustomer() {
        let ticket = TicketDetail(
            id: 1, subject: "Ticket 1", status: "open", priority: 2,
            customerId: 8, customerName: "Customer 8", customerPlan: "enterprise")
        #expect(
            HelpdeskJSON.detail(ticket)
                == #"{"id":1,"subject":"Ticket 1","status":"open","priority":2,"#
                + #""customer":{"id":8,"name":"Customer 8","plan":"enterprise"}}"#)
    }

    @Test func stringsAreEscapedAndParseBack() throws {
        let subject = "say \"hi\" \\ tab\t nl\n bell\u{7} é 🖨 </script>"
        let created = TicketSummary(id: 10001, customerId: 5, subject: subject, status: "open", priority: 3)
        let text = HelpdeskJSON.summary(created)
        #expect(text.contains(#"\"hi\" \\ tab\t nl\n bell\u0007 é 🖨"#))
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["subject"] as? String == subject)
        #expect(HelpdeskJSON.error("customerId: unknown customer") == #"{"error":"customerId: unknown customer"}"#)
    }
}
