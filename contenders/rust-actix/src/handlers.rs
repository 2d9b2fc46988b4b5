//! The routes and the HTTP side of each test. actix-http writes `Date`
//! (from a cache it refreshes every 500 ms) and `Content-Length`; a resource
//! answers another method with 405, an unknown path gets the app's 404.

use std::fmt;
use std::sync::Arc;

use actix_web::http::header::ContentType;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse, ResponseError};
use rand::Rng;
use serde::Serialize;

use crate::catalog::Catalog;
use crate::db::{DbError, Pool, World};
use crate::orders;
use crate::params::QueriesParam;

/// Larger /orders bodies get 413; the suite's are 1-3 KB.
pub const MAX_ORDER_BYTES: usize = 64 * 1024;

pub const SERVER_NAME: &str = "battle-rust-actix";

/// One per worker: actix runs each worker on its own single-threaded
/// runtime, so each has its own database clients (their connection tasks
/// live on that worker) and shares the read-only catalog.
pub struct AppState {
    pub pool: Pool,
    pub catalog: Arc<Catalog>,
}

type State = web::Data<AppState>;

/// The routes, for `App::configure` (main.rs and the tests). Resources with
/// a method route rather than `App::route`, whose method guard would make
/// another method a 404 instead of a 405.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.app_data(web::PayloadConfig::new(MAX_ORDER_BYTES))
        .service(web::resource("/plaintext").route(web::get().to(plaintext)))
        .service(web::resource("/json").route(web::get().to(json)))
        .service(web::resource("/db").route(web::get().to(db)))
        .service(web::resource("/queries").route(web::get().to(queries)))
        .service(web::resource("/fortunes").route(web::get().to(fortunes)))
        .service(web::resource("/updates").route(web::get().to(updates)))
        .service(web::resource("/orders").route(web::post().to(orders)));
}

async fn plaintext() -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::plaintext())
        .body("Hello, World!")
}

#[derive(Serialize)]
struct Message {
    message: &'static str,
}

async fn json() -> web::Json<Message> {
    web::Json(Message {
        message: "Hello, World!",
    })
}

async fn db(state: State) -> Result<web::Json<World>, AppError> {
    let id = random_id();
    let world = state.pool.get().await?.world(id).await?;
    Ok(web::Json(world))
}

async fn queries(state: State, param: web::Query<QueriesParam>) -> Result<web::Json<Vec<World>>, AppError> {
    let ids = random_ids(param.count());
    let worlds = state.pool.get().await?.worlds(&ids).await?;
    Ok(web::Json(worlds))
}

async fn fortunes(state: State) -> Result<HttpResponse, AppError> {
    let rows = state.pool.get().await?.fortunes().await?;
    let page = crate::fortunes::page(rows)?;
    Ok(HttpResponse::Ok().content_type(ContentType::html()).body(page))
}

async fn updates(state: State, param: web::Query<QueriesParam>) -> Result<web::Json<Vec<World>>, AppError> {
    let conn = state.pool.get().await?;
    let mut worlds = conn.worlds(&random_ids(param.count())).await?;
    {
        let mut rng = rand::thread_rng();
        for world in &mut worlds {
            world.random_number = rng.gen_range(1..=10_000);
        }
    }
    let changes = unique_by_id(&mut worlds);
    conn.update_worlds(&changes).await?;
    Ok(web::Json(worlds))
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

/// The body is taken as `Bytes`, not `web::Json<Value>`: the `Json`
/// extractor answers a bad body with its own 400 text (and a wrong
/// content type with 415), where the suite wants the failing field. Bodies
/// over `PayloadConfig`'s limit get 413 from the `Bytes` extractor.
async fn orders(state: State, body: web::Bytes) -> HttpResponse {
    match orders::process(&body, &state.catalog) {
        Ok(summary) => HttpResponse::Ok().content_type(ContentType::json()).body(summary),
        Err(invalid) => HttpResponse::BadRequest().json(ErrorBody {
            error: invalid.message,
            field: &invalid.field,
        }),
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
#[derive(Debug)]
pub enum AppError {
    Db(DbError),
    Template(askama::Error),
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppError::Db(e) => write!(f, "{e}"),
            AppError::Template(e) => write!(f, "rendering fortunes: {e}"),
        }
    }
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

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        StatusCode::INTERNAL_SERVER_ERROR
    }

    fn error_response(&self) -> HttpResponse {
        // Unavailable means the slot's last connect failed under a second
        // ago: that attempt was logged, this request is not.
        if !matches!(self, AppError::Db(DbError::Unavailable)) {
            eprintln!("{SERVER_NAME}: {self}");
        }
        HttpResponse::InternalServerError()
            .content_type(ContentType::plaintext())
            .body(self.to_string())
    }
}

#[cfg(test)]
mod tests;
