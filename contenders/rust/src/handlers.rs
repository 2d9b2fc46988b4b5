//! Routing and the HTTP side of each test. hyper writes `Date` (from a
//! per-thread cache it re-renders at most once a second) and `Content-Length`.

use std::convert::Infallible;
use std::sync::Arc;

use hyper::header::{HeaderValue, ALLOW, CONTENT_TYPE, SERVER};
use hyper::{Body, Method, Request, Response, StatusCode};
use rand::Rng;
use serde::Serialize;

use crate::auth::Auth;
use crate::catalog::Catalog;
use crate::db::{DbError, Pool, World};
use crate::orders;
use crate::params::query_count;
use crate::writer::Writers;

/// Larger /orders bodies get 413; the suite's are 1-3 KB.
const MAX_ORDER_BYTES: usize = 64 * 1024;

const TEXT: &str = "text/plain";
const JSON: &str = "application/json";
const HTML: &str = "text/html; charset=utf-8";

pub struct App {
    pub pool: Pool,
    pub catalog: Catalog,
    /// The helpdesk routes' JWT check (`HELPDESK_JWT_SECRET`).
    pub auth: Auth,
    /// The helpdesk create's transactions, on connections of their own.
    pub writers: Writers,
}

pub async fn handle(app: Arc<App>, req: Request<Body>) -> Result<Response<Body>, Infallible> {
    let path = req.uri().path();
    let response = match (req.method(), path) {
        (&Method::GET, "/plaintext") => respond(StatusCode::OK, TEXT, "Hello, World!"),
        (&Method::GET, "/json") => json(
            StatusCode::OK,
            &Message {
                message: "Hello, World!",
            },
        ),
        (&Method::GET, "/db") => or_500(db(&app).await),
        (&Method::GET, "/queries") => or_500(queries(&app, query_count(req.uri().query())).await),
        (&Method::GET, "/fortunes") => or_500(fortunes(&app).await),
        (&Method::GET, "/updates") => or_500(updates(&app, query_count(req.uri().query())).await),
        (&Method::POST, "/orders") => orders(&app, req).await,
        (_, "/plaintext" | "/json" | "/db" | "/queries" | "/fortunes" | "/updates") => {
            method_not_allowed("GET")
        }
        (_, "/orders") => method_not_allowed("POST"),
        (_, p) if p.starts_with("/api/") => crate::tickets::handle(&app, req).await,
        _ => respond(StatusCode::NOT_FOUND, TEXT, "Not Found"),
    };
    Ok(response)
}

#[derive(Serialize)]
struct Message {
    message: &'static str,
}

async fn db(app: &App) -> Result<Response<Body>, DbError> {
    let id = random_id();
    let world = app.pool.get().await?.world(id).await?;
    Ok(json(StatusCode::OK, &world))
}

async fn queries(app: &App, count: usize) -> Result<Response<Body>, DbError> {
    let ids = random_ids(count);
    let worlds = app.pool.get().await?.worlds(&ids).await?;
    Ok(json(StatusCode::OK, &worlds))
}

async fn fortunes(app: &App) -> Result<Response<Body>, DbError> {
    let rows = app.pool.get().await?.fortunes().await?;
    Ok(respond(StatusCode::OK, HTML, crate::fortunes::page(rows)))
}

async fn updates(app: &App, count: usize) -> Result<Response<Body>, DbError> {
    let conn = app.pool.get().await?;
    let mut worlds = conn.worlds(&random_ids(count)).await?;
    {
        let mut rng = rand::thread_rng();
        for world in &mut worlds {
            world.random_number = rng.gen_range(1..=10_000);
        }
    }
    let changes = unique_by_id(&mut worlds);
    conn.update_worlds(&changes).await?;
    Ok(json(StatusCode::OK, &worlds))
}

/// The rows to store, sorted by id with each id once. When a request drew
/// the same id twice, its first new number is the one stored, and every
/// answer row for that id is made to show it.
fn unique_by_id(worlds: &mut [World]) -> Vec<World> {
    let mut changes = worlds.to_vec();
    changes.sort_by_key(|w| w.id); // stable: the first drawn stays first
    changes.dedup_by_key(|w| w.id);
    if changes.len() < worlds.len() {
        for world in worlds.iter_mut() {
            let stored = changes
                .binary_search_by_key(&world.id, |w| w.id)
                .expect("id is in changes");
            world.random_number = changes[stored].random_number;
        }
    }
    changes
}

async fn orders(app: &App, req: Request<Body>) -> Response<Body> {
    let limited = http_body::Limited::new(req.into_body(), MAX_ORDER_BYTES);
    let body = match hyper::body::to_bytes(limited).await {
        Ok(body) => body,
        Err(e) if e.is::<http_body::LengthLimitError>() => {
            return error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "the body is larger than 64 KiB",
                "",
            )
        }
        Err(_) => return error(StatusCode::BAD_REQUEST, "the body could not be read", ""),
    };
    match orders::process(&body, &app.catalog) {
        Ok(summary) => respond(StatusCode::OK, JSON, summary),
        Err(invalid) => error(StatusCode::BAD_REQUEST, invalid.message, &invalid.field),
    }
}

fn random_id() -> i32 {
    rand::thread_rng().gen_range(1..=10_000)
}

fn random_ids(count: usize) -> Vec<i32> {
    let mut rng = rand::thread_rng();
    (0..count).map(|_| rng.gen_range(1..=10_000)).collect()
}

fn or_500(result: Result<Response<Body>, DbError>) -> Response<Body> {
    result.unwrap_or_else(|e| {
        // Unavailable means the slot's last connect failed under a second ago:
        // that attempt was logged, this request is not.
        if let DbError::Postgres(e) = &e {
            eprintln!("battle-rust: {e}");
        }
        respond(StatusCode::INTERNAL_SERVER_ERROR, TEXT, e.to_string())
    })
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    field: &'a str,
}

fn error(status: StatusCode, message: &str, field: &str) -> Response<Body> {
    json(
        status,
        &ErrorBody {
            error: message,
            field,
        },
    )
}

fn method_not_allowed(allow: &'static str) -> Response<Body> {
    let mut response = respond(StatusCode::METHOD_NOT_ALLOWED, TEXT, "Method Not Allowed");
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static(allow));
    response
}

pub fn json<T: Serialize>(status: StatusCode, value: &T) -> Response<Body> {
    respond(
        status,
        JSON,
        serde_json::to_vec(value).expect("response types always serialize"),
    )
}

fn respond(status: StatusCode, content_type: &'static str, body: impl Into<Body>) -> Response<Body> {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(SERVER, HeaderValue::from_static("battle-rust"));
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

#[cfg(test)]
mod tests;
