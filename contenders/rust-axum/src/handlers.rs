//! The router and the HTTP side of each test. hyper writes `Date` (from a
//! cache it re-renders at most once a second) and `Content-Length`; axum
//! answers unknown paths with 404 and known paths with another method with
//! 405 and `Allow`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::header::{HeaderValue, CONTENT_TYPE, SERVER};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Json, Router};
use rand::Rng;
use serde::Serialize;

use crate::catalog::Catalog;
use crate::db::{DbError, Pool, World};
use crate::orders;
use crate::params::QueriesParam;

/// Larger /orders bodies get 413; the suite's are 1-3 KB.
const MAX_ORDER_BYTES: usize = 64 * 1024;

pub struct AppState {
    pub pool: Pool,
    pub catalog: Catalog,
}

type AppRef = State<Arc<AppState>>;

pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/plaintext", get(plaintext))
        .route("/json", get(json))
        .route("/db", get(db))
        .route("/queries", get(queries))
        .route("/fortunes", get(fortunes))
        .route("/updates", get(updates))
        .route("/orders", post(orders).layer(DefaultBodyLimit::max(MAX_ORDER_BYTES)))
        .fallback(not_found)
        .layer(middleware::map_response(server_header))
        .with_state(state)
}

async fn server_header(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(SERVER, HeaderValue::from_static("battle-rust-axum"));
    response
}

async fn not_found() -> (StatusCode, &'static str) {
    (StatusCode::NOT_FOUND, "Not Found")
}

async fn plaintext() -> &'static str {
    "Hello, World!"
}

#[derive(Serialize)]
struct Message {
    message: &'static str,
}

async fn json() -> Json<Message> {
    Json(Message {
        message: "Hello, World!",
    })
}

async fn db(State(app): AppRef) -> Result<Json<World>, AppError> {
    let id = random_id();
    let world = app.pool.get().await?.world(id).await?;
    Ok(Json(world))
}

async fn queries(State(app): AppRef, Query(param): Query<QueriesParam>) -> Result<Json<Vec<World>>, AppError> {
    let ids = random_ids(param.count());
    let worlds = app.pool.get().await?.worlds(&ids).await?;
    Ok(Json(worlds))
}

async fn fortunes(State(app): AppRef) -> Result<Html<String>, AppError> {
    let rows = app.pool.get().await?.fortunes().await?;
    Ok(Html(crate::fortunes::page(rows)?))
}

async fn updates(State(app): AppRef, Query(param): Query<QueriesParam>) -> Result<Json<Vec<World>>, AppError> {
    let conn = app.pool.get().await?;
    let mut worlds = conn.worlds(&random_ids(param.count())).await?;
    {
        let mut rng = rand::thread_rng();
        for world in &mut worlds {
            world.random_number = rng.gen_range(1..=10_000);
        }
    }
    let changes = unique_by_id(&mut worlds);
    conn.update_worlds(&changes).await?;
    Ok(Json(worlds))
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

/// The body is taken as bytes, not `Json<Value>`: axum's `Json` extractor
/// answers a bad body with 415 or 422 and its own text, where the suite
/// wants 400 and the failing field. A body over the limit gets 413 from the
/// `Bytes` extractor.
async fn orders(State(app): AppRef, body: Bytes) -> Response {
    match orders::process(&body, &app.catalog) {
        Ok(summary) => ([(CONTENT_TYPE, HeaderValue::from_static("application/json"))], summary).into_response(),
        Err(invalid) => (
            StatusCode::BAD_REQUEST,
            Json(ErrorBody {
                error: invalid.message,
                field: &invalid.field,
            }),
        )
            .into_response(),
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    field: &'a str,
}

fn random_id() -> i32 {
    rand::thread_rng().gen_range(1..=10_000)
}

fn random_ids(count: usize) -> Vec<i32> {
    let mut rng = rand::thread_rng();
    (0..count).map(|_| rng.gen_range(1..=10_000)).collect()
}

/// A failed database test: 500, logged to stderr.
pub enum AppError {
    Db(DbError),
    Template(askama::Error),
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        AppError::Db(e)
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Template(e)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let text = match &self {
            // Unavailable means the slot's last connect failed under a second
            // ago: that attempt was logged, this request is not.
            AppError::Db(e @ DbError::Unavailable) => e.to_string(),
            AppError::Db(e) => {
                eprintln!("battle-rust-axum: {e}");
                e.to_string()
            }
            AppError::Template(e) => {
                eprintln!("battle-rust-axum: rendering fortunes: {e}");
                "template error".to_owned()
            }
        };
        (StatusCode::INTERNAL_SERVER_ERROR, text).into_response()
    }
}

#[cfg(test)]
mod tests;
