import Foundation

/// A status a ticket can have (the `hd_ticket.status` check constraint).
enum TicketStatus: String, Sendable {
    case open, pending, closed
}

/// A request input the helpdesk contract refuses: answered as
/// `{"error":"<field>: <reason>"}` (400 for the query and path, 422 for a body).
struct HelpdeskInputError: Error, Equatable {
    var field: String
    var reason: String

    var message: String { "\(field): \(reason)" }
}

/// `GET /api/tickets?status=S[&after=A][&limit=L]`, checked in that order.
struct TicketListQuery: Equatable, Sendable {
    static let defaultLimit = 20
    static let limitRange = 1...100

    var status: TicketStatus
    var after: Int64
    var limit: Int

    /// Each argument is the parameter's raw value, `nil` when absent.
    static func parse(status: String?, after: String?, limit: String?) throws(HelpdeskInputError) -> Self {
        guard let rawStatus = status else {
            throw HelpdeskInputError(field: "status", reason: "is required")
        }
        guard let parsedStatus = TicketStatus(rawValue: rawStatus) else {
            throw HelpdeskInputError(field: "status", reason: "must be one of open, pending, closed")
        }
        var parsedAfter: Int64 = 0
        if let after {
            guard let value = digits(after) else {
                throw HelpdeskInputError(field: "after", reason: "must be an integer >= 0")
            }
            parsedAfter = value
        }
        var parsedLimit = defaultLimit
        if let limit {
            guard let value = digits(limit), let small = Int(exactly: value), limitRange.contains(small) else {
                throw HelpdeskInputError(field: "limit", reason: "must be an integer from 1 to 100")
            }
            parsedLimit = small
        }
        return Self(status: parsedStatus, after: parsedAfter, limit: parsedLimit)
    }

    /// The `{id}` of `GET /api/tickets/{id}`: a positive integer.
    static func ticketId(_ raw: String?) throws(HelpdeskInputError) -> Int64 {
        guard let raw, let value = digits(raw), value >= 1 else {
            throw HelpdeskInputError(field: "id", reason: "must be a positive integer")
        }
        return value
    }

    /// Plain ASCII digits that fit in 64 bits; `nil` for a sign, a space,
    /// a fraction, an empty string and everything else (`Int64("+5")` is 5).
    static func digits(_ text: String) -> Int64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        return Int64(text)
    }
}

/// The body of `POST /api/tickets`, validated.
struct NewTicket: Equatable, Sendable {
    static let customerIdRange = 1...Int(Int32.max)
    static let subjectLength = 1...200
    static let priorityRange = 1...4

    var customerId: Int32
    var subject: String
    var priority: Int32

    /// Parses and validates a request body: the first failure in the order
    /// customerId, subject, priority. Other keys are ignored. Numbers go
    /// through `JSONTree.integer`, so `3.0`, `1e2` and `true` are not integers.
    static func validate(body: Data) throws(HelpdeskInputError) -> NewTicket {
        guard let tree = JSONTree.parse(body) else {
            throw HelpdeskInputError(field: "body", reason: "is not valid JSON")
        }
        guard let root = JSONTree.object(tree) else {
            throw HelpdeskInputError(field: "body", reason: "must be a JSON object")
        }

        guard root["customerId"] != nil else {
            throw HelpdeskInputError(field: "customerId", reason: "is required")
        }
        guard let customerId = JSONTree.integer(root["customerId"]).flatMap(Int32.init(exactly:)),
            customerIdRange.contains(Int(customerId))
        else {
            throw HelpdeskInputError(field: "customerId", reason: "must be an integer from 1 to 2147483647")
        }

        guard root["subject"] != nil else {
            throw HelpdeskInputError(field: "subject", reason: "is required")
        }
        guard let subject = JSONTree.string(root["subject"]) else {
            throw HelpdeskInputError(field: "subject", reason: "must be a string")
        }
        guard subjectLength.contains(subject.unicodeScalars.count) else {
            throw HelpdeskInputError(field: "subject", reason: "must have 1 to 200 characters")
        }
        guard !subject.unicodeScalars.allSatisfy(\.properties.isWhitespace) else {
            throw HelpdeskInputError(field: "subject", reason: "must not be only whitespace")
        }

        guard root["priority"] != nil else {
            throw HelpdeskInputError(field: "priority", reason: "is required")
        }
        guard let priority = JSONTree.integer(root["priority"]), priorityRange.contains(priority) else {
            throw HelpdeskInputError(field: "priority", reason: "must be an integer from 1 to 4")
        }

        return NewTicket(customerId: customerId, subject: subject, priority: Int32(priority))
    }
}
