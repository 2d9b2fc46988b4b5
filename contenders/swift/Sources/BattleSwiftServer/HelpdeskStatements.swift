import PostgresNIO

/// The helpdesk's statements (the contract's SQL), prepared once per
/// connection like the Battle Suite's. Binding types follow the columns:
/// `bigint` ids as `Int64`, `integer` columns as `Int32`.
enum HelpdeskStatements {
    struct SelectTickets: PostgresPreparedStatement {
        static let name = "hd_select_tickets"
        static let sql = """
            SELECT id, customer_id, subject, status, priority FROM hd_ticket \
            WHERE status = $1 AND id > $2 ORDER BY id LIMIT $3
            """
        typealias Row = (Int64, Int32, String, String, Int32)
        var status: String
        var after: Int64
        var limit: Int64

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 3)
            bindings.append(status)
            bindings.append(after)
            bindings.append(limit)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {
            try row.decode(Row.self)
        }
    }

    struct SelectTicket: PostgresPreparedStatement {
        static let name = "hd_select_ticket"
        static let sql = """
            SELECT t.id, t.subject, t.status, t.priority, c.id, c.name, c.plan \
            FROM hd_ticket t JOIN hd_customer c ON c.id = t.customer_id WHERE t.id = $1
            """
        typealias Row = (Int64, String, String, Int32, Int32, String, String)
        var id: Int64

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(id)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {
            try row.decode(Row.self)
        }
    }

    struct SelectCustomer: PostgresPreparedStatement {
        static let name = "hd_select_customer"
        static let sql = "SELECT 1 FROM hd_customer WHERE id = $1"
        typealias Row = Int32
        var id: Int32

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(id)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {
            try row.decode(Row.self)
        }
    }

    struct InsertTicket: PostgresPreparedStatement {
        static let name = "hd_insert_ticket"
        static let sql = """
            INSERT INTO hd_ticket (customer_id, subject, status, priority, created_by) \
            VALUES ($1, $2, 'open', $3, $4) RETURNING id
            """
        typealias Row = Int64
        var ticket: NewTicket
        var createdBy: String

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 4)
            bindings.append(ticket.customerId)
            bindings.append(ticket.subject)
            bindings.append(ticket.priority)
            bindings.append(createdBy)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {
            try row.decode(Row.self)
        }
    }

    struct InsertEvent: PostgresPreparedStatement {
        static let name = "hd_insert_event"
        static let sql = "INSERT INTO hd_event (ticket_id, kind, actor) VALUES ($1, 'created', $2)"
        typealias Row = ()
        var ticketId: Int64
        var actor: String

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(ticketId)
            bindings.append(actor)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { () }
    }
}

/// `POST /api/tickets` names a customer that does not exist: the
/// transaction rolls back and the route answers 422.
struct UnknownCustomer: Error {}

extension PostgresConnection {
    func tickets(_ query: TicketListQuery, logger: Logger) async throws -> [TicketSummary] {
        let statement = HelpdeskStatements.SelectTickets(
            status: query.status.rawValue, after: query.after, limit: Int64(query.limit)
        )
        var items: [TicketSummary] = []
        items.reserveCapacity(query.limit)
        for try await (id, customerId, subject, status, priority) in try await execute(statement, logger: logger) {
            items.append(
                TicketSummary(id: id, customerId: customerId, subject: subject, status: status, priority: priority)
            )
        }
        return items
    }

    func ticket(id: Int64, logger: Logger) async throws -> TicketDetail? {
        var ticket: TicketDetail?
        let rows = try await execute(HelpdeskStatements.SelectTicket(id: id), logger: logger)
        for try await (id, subject, status, priority, customerId, name, plan) in rows {
            ticket = TicketDetail(
                id: id, subject: subject, status: status, priority: priority,
                customerId: customerId, customerName: name, customerPlan: plan
            )
        }
        return ticket
    }

    /// The three statements of a creation; call inside a transaction.
    /// Throws `UnknownCustomer` before writing anything.
    func create(_ ticket: NewTicket, by subject: String, logger: Logger) async throws -> Int64 {
        var customerExists = false
        for try await _ in try await execute(HelpdeskStatements.SelectCustomer(id: ticket.customerId), logger: logger) {
            customerExists = true
        }
        guard customerExists else { throw UnknownCustomer() }

        var id: Int64?
        let insert = HelpdeskStatements.InsertTicket(ticket: ticket, createdBy: subject)
        for try await row in try await execute(insert, logger: logger) {
            id = row
        }
        guard let id else { throw DatabaseError.missingRow }
        _ = try await execute(HelpdeskStatements.InsertEvent(ticketId: id, actor: subject), logger: logger)
        return id
    }
}
