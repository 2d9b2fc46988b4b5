import Foundation
import Hummingbird
import Logging
import PostgresNIO

/// The helpdesk example suite's API (suite/helpdesk): tickets of customers,
/// behind an HS256 bearer token, on the Battle Suite's pool.
struct HelpdeskRoutes: Sendable {
    var client: PostgresClient
    /// `nil` when `HELPDESK_JWT_SECRET` is not set.
    var tokens: HelpdeskTokens?
    var logger: Logger

    func addRoutes(to router: Router<BattleRequestContext>) {
        let tickets = router.group("api/tickets", context: HelpdeskRequestContext.self)
            .add(middleware: BearerAuthMiddleware(tokens: tokens))

        tickets.get { request, _ in
            let query: TicketListQuery
            do throws(HelpdeskInputError) {
                let parameters = request.uri.queryParameters
                query = try TicketListQuery.parse(
                    status: parameters.get("status"), after: parameters.get("after"), limit: parameters.get("limit")
                )
            } catch {
                return HelpdeskResponse.error(error.message, status: .badRequest)
            }
            let items = try await client.withConnection { connection in
                try await connection.tickets(query, logger: logger)
            }
            let next = items.count == query.limit ? items.last?.id : nil
            return HelpdeskResponse.json(HelpdeskJSON.list(items, next: next), status: .ok)
        }

        tickets.get("{id}") { _, context in
            let id: Int64
            do throws(HelpdeskInputError) {
                id = try TicketListQuery.ticketId(context.parameters.get("id"))
            } catch {
                return HelpdeskResponse.error(error.message, status: .badRequest)
            }
            let ticket = try await client.withConnection { connection in
                try await connection.ticket(id: id, logger: logger)
            }
            guard let ticket else {
                return HelpdeskResponse.error("not found", status: .notFound)
            }
            return HelpdeskResponse.json(HelpdeskJSON.detail(ticket), status: .ok)
        }

        tickets.post { request, context in
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let ticket: NewTicket
            do throws(HelpdeskInputError) {
                ticket = try NewTicket.validate(body: Data(buffer.readableBytesView))
            } catch {
                return HelpdeskResponse.error(error.message, status: .unprocessableContent)
            }
            let subject = context.subject
            let id: Int64
            do {
                id = try await client.withTransaction(logger: logger) { connection in
                    try await connection.create(ticket, by: subject, logger: logger)
                }
            } catch let error as PostgresTransactionError where error.closureError is UnknownCustomer {
                return HelpdeskResponse.error("customerId: unknown customer", status: .unprocessableContent)
            }
            let created = TicketSummary(
                id: id, customerId: ticket.customerId, subject: ticket.subject, status: "open",
                priority: ticket.priority
            )
            return HelpdeskResponse.json(
                HelpdeskJSON.summary(created), status: .created, location: "/api/tickets/\(id)"
            )
        }
    }
}
