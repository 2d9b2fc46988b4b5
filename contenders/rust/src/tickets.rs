//! The helpdesk example suite's routes (suite/helpdesk/README.md), beside the
//! Battle Suite's: `GET /api/tickets` (list), `GET /api/tickets/{id}` (read
//! one with its customer) and `POST /api/tickets` (create). Every request's
//! JWT is verified first (auth.rs); the rules and JSON shapes are the shared
//! crate's (`battle_domain::helpdesk`); every answer is JSON.

use hyper::header::{HeaderValue, ALLOW, AUTHORIZATION, LOCATION, WWW_AUTHENTICATE};
use hyper::{Body, Method, Request, Response, StatusCode};
use serde::Serialize;

use crate::auth::Denied;
use crate::db::DbError;
use crate::handlers::{json, App};
use crate::helpdesk::{self, TicketPage, READ_SCOPE, WRITE_SCOPE};
use crate::writer::Created;

/// Larger create bodies get 413; a valid one is well under 1 KB.
const MAX_BODY_BYTES: usize = 64 * 1024;

#[derive(Serialize)]
struct ApiError<'a> {
    error: &'a str,
}

fn error(status: StatusCode, message: &str) -> Response<Body> {
    json(status, &ApiError { error: message })
}

enum Route<'p> {
    /// `/api/tickets`
    Tickets,
    /// `/api/tickets/{id}`, the id as written.
    Ticket(&'p str),
}

/// Answers any request whose path starts with `/api/`.
pub async fn handle(app: &App, req: Request<Body>) -> Response<Body> {
    let path = req.uri().path().to_owned();
    let route = match path.as_str() {
        "/api/tickets" => Route::Tickets,
        p => match p.strip_prefix("/api/tickets/") {
            Some(id) if !id.contains('/') => Route::Ticket(id),
            _ => return error(StatusCode::NOT_FOUND, "not found"),
        },
    };
    let scope = match (req.method(), &route) {
        (&Method::GET, _) => READ_SCOPE,
        (&Method::POST, Route::Tickets) => WRITE_SCOPE,
        (_, Route::Tickets) => return method_not_allowed("GET, POST"),
        (_, Route::Ticket(_)) => return method_not_allowed("GET"),
    };
    let actor = match app.auth.check(req.headers().get(AUTHORIZATION), scope) {
        Ok(sub) => sub,
        Err(denied) => return refused(denied),
    };
    match route {
        Route::Tickets if req.method() == Method::POST => create(app, req, &actor).await,
        Route::Tickets => list(app, req.uri().query()).await,
        Route::Ticket(id) => read(app, id).await,
    }
}

async fn list(app: &App, query: Option<&str>) -> Response<Body> {
    let query = match helpdesk::list_query(query) {
        Ok(query) => query,
        Err(message) => return error(StatusCode::BAD_REQUEST, &message),
    };
    let items = async { app.pool.get().await?.tickets(&query).await };
    match items.await {
        Ok(items) => json(StatusCode::OK, &TicketPage::new(items, query.limit)),
        Err(e) => database_error(e),
    }
}

async fn read(app: &App, id: &str) -> Response<Body> {
    let id = match helpdesk::ticket_id(id) {
        Ok(id) => id,
        Err(message) => return error(StatusCode::BAD_REQUEST, &message),
    };
    match async { app.pool.get().await?.ticket(id).await }.await {
        Ok(Some(ticket)) => json(StatusCode::OK, &ticket),
        Ok(None) => error(StatusCode::NOT_FOUND, "not found"),
        Err(e) => database_error(e),
    }
}

async fn create(app: &App, req: Request<Body>, actor: &str) -> Response<Body> {
    let limited = http_body::Limited::new(req.into_body(), MAX_BODY_BYTES);
    let body = match hyper::body::to_bytes(limited).await {
        Ok(body) => body,
        Err(e) if e.is::<http_body::LengthLimitError>() => {
            return error(StatusCode::PAYLOAD_TOO_LARGE, "body: larger than 64 KiB")
        }
        Err(_) => return error(StatusCode::BAD_REQUEST, "body: could not be read"),
    };
    let ticket = match helpdesk::new_ticket(&body) {
        Ok(ticket) => ticket,
        Err(message) => return error(StatusCode::UNPROCESSABLE_ENTITY, &message),
    };
    match app.writers.create(&ticket, actor).await {
        Ok(Created::Ticket(id)) => {
            let mut response = json(StatusCode::CREATED, &ticket.created(id));
            let location = HeaderValue::from_str(&format!("/api/tickets/{id}"))
                .expect("a path of digits is a valid header value");
            response.headers_mut().insert(LOCATION, location);
            response
        }
        Ok(Created::UnknownCustomer) => {
            error(StatusCode::UNPROCESSABLE_ENTITY, "customerId: unknown customer")
        }
        Err(e) => database_error(e),
    }
}

fn refused(denied: Denied) -> Response<Body> {
    match denied {
        Denied::NoSecret => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "HELPDESK_JWT_SECRET is not set",
        ),
        Denied::Unauthorized => {
            let mut response = error(StatusCode::UNAUTHORIZED, "unauthorized");
            response
                .headers_mut()
                .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            response
        }
        Denied::Forbidden => error(StatusCode::FORBIDDEN, "forbidden"),
    }
}

fn database_error(e: DbError) -> Response<Body> {
    if let DbError::Postgres(e) = &e {
        eprintln!("battle-rust: {e}");
    }
    error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string())
}

fn method_not_allowed(allow: &'static str) -> Response<Body> {
    let mut response = error(StatusCode::METHOD_NOT_ALLOWED, "method not allowed");
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static(allow));
    response
}
