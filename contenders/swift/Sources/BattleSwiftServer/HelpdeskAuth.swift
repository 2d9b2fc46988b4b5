import Hummingbird

/// The context of the `/api/...` routes: the Battle Suite's, plus the
/// verified token's subject, set by `BearerAuthMiddleware` before any
/// handler runs.
struct HelpdeskRequestContext: ChildRequestContext {
    typealias ParentContext = BattleRequestContext

    var coreContext: CoreRequestContextStorage
    /// The token's `sub`; empty only before the middleware has run.
    var subject = ""

    init(context: BattleRequestContext) {
        // The parent's storage, not a fresh one: it holds the route's parameters.
        coreContext = context.coreContext
    }

    var responseEncoder: JSONResponseEncoder { JSONResponseEncoder() }
}

/// Verifies the bearer token of every request and checks its scope:
/// `tickets:read` for `GET`, `tickets:write` for `POST`.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = HelpdeskRequestContext

    /// `nil` when `HELPDESK_JWT_SECRET` is not set.
    var tokens: HelpdeskTokens?

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let tokens else {
            return HelpdeskResponse.error("\(HelpdeskTokens.secretVariable) is not set", status: .internalServerError)
        }
        let prefix = "Bearer "
        guard let header = request.headers[.authorization], header.hasPrefix(prefix) else {
            return HelpdeskResponse.unauthorized()
        }
        let claims: HelpdeskClaims
        do {
            claims = try await tokens.verify(String(header.dropFirst(prefix.count)))
        } catch {
            return HelpdeskResponse.unauthorized()
        }
        guard claims.grants(request.method == .post ? "tickets:write" : "tickets:read") else {
            return HelpdeskResponse.error("forbidden", status: .forbidden)
        }
        var context = context
        context.subject = claims.sub.value
        return try await next(request, context)
    }
}
