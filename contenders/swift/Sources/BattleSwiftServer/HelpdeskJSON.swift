/// A row of the list route: `hd_ticket` without `created_by`.
struct TicketSummary: Equatable, Sendable {
    var id: Int64
    var customerId: Int32
    var subject: String
    var status: String
    var priority: Int32
}

/// A row of the read route: the ticket joined with its customer.
struct TicketDetail: Equatable, Sendable {
    var id: Int64
    var subject: String
    var status: String
    var priority: Int32
    var customerId: Int32
    var customerName: String
    var customerPlan: String
}

/// The helpdesk answers, written in the contract's key order.
///
/// Why not `JSONEncoder`: on Linux it writes an object's keys in hash order,
/// which changes from one process (even one call) to the next, and the
/// contract gives the order (`{"items":...,"next":...}`, `{"id":...,...}`).
/// The shapes are fixed and small, so they are written out here; strings
/// are escaped as RFC 8259 requires (`"`, `\` and control characters).
enum HelpdeskJSON {
    static func list(_ items: [TicketSummary], next: Int64?) -> String {
        var out = "{\"items\":["
        out.reserveCapacity(32 + items.count * 96)
        for (index, item) in items.enumerated() {
            if index > 0 { out += "," }
            summary(item, to: &out)
        }
        out += "],\"next\":"
        out += next.map { String($0) } ?? "null"
        out += "}"
        return out
    }

    static func summary(_ item: TicketSummary) -> String {
        var out = ""
        summary(item, to: &out)
        return out
    }

    static func detail(_ ticket: TicketDetail) -> String {
        var out = "{\"id\":\(ticket.id),\"subject\":"
        string(ticket.subject, to: &out)
        out += ",\"status\":"
        string(ticket.status, to: &out)
        out += ",\"priority\":\(ticket.priority),\"customer\":{\"id\":\(ticket.customerId),\"name\":"
        string(ticket.customerName, to: &out)
        out += ",\"plan\":"
        string(ticket.customerPlan, to: &out)
        out += "}}"
        return out
    }

    static func error(_ message: String) -> String {
        var out = "{\"error\":"
        string(message, to: &out)
        out += "}"
        return out
    }

    private static func summary(_ item: TicketSummary, to out: inout String) {
        out += "{\"id\":\(item.id),\"customerId\":\(item.customerId),\"subject\":"
        string(item.subject, to: &out)
        out += ",\"status\":"
        string(item.status, to: &out)
        out += ",\"priority\":\(item.priority)}"
    }

    /// Appends `text` as a JSON string literal.
    static func string(_ text: String, to out: inout String) {
        out += "\""
        let needsEscape = text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        guard needsEscape else {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
