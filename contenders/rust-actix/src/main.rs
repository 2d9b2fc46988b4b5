//! battle-rust-actix: the Battle Suite v1 on actix-web 4 with tokio-postgres
//! and askama. Configuration comes from the environment (see config.rs);
//! only errors are logged, to stderr.

mod db;
mod fortunes;
mod handlers;
mod params;

// The domain code all three Rust stacks share (contenders/rust-domain).
use battle_domain::{catalog, config, orders};

use std::process::ExitCode;
use std::sync::Arc;

use actix_web::http::header;
use actix_web::{middleware, web, App, HttpServer};

use crate::catalog::Catalog;
use crate::config::Config;
use crate::db::Pool;
use crate::handlers::{AppState, SERVER_NAME};

/// Seconds in-flight requests get after SIGTERM (the arena kills at 10 s).
const SHUTDOWN_GRACE_SECS: u64 = 8;

fn main() -> ExitCode {
    let mut config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("{SERVER_NAME}: {e}");
            return ExitCode::from(2);
        }
    };
    config.db.application_name("battle-rust-actix");
    let catalog = Arc::new(Catalog::with_products(Catalog::size_for_live_heap(
        config.live_heap_mb,
    )));
    match actix_web::rt::System::new().block_on(serve(config, catalog)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{SERVER_NAME}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// actix-web's server: `workers` threads, each running its own copy of the
/// app. actix-server stops on SIGTERM (and SIGINT): it stops accepting and
/// gives in-flight requests `shutdown_timeout` seconds.
async fn serve(config: Config, catalog: Arc<Catalog>) -> std::io::Result<()> {
    // BATTLE_DB_POOL connections in all, split over the workers.
    let per_worker = config.db_pool.div_ceil(config.workers).max(1);
    let db = config.db;
    HttpServer::new(move || {
        let state = web::Data::new(AppState {
            pool: Pool::new(db.clone(), per_worker),
            catalog: catalog.clone(),
        });
        // Connect in the background on this worker: /plaintext answers while
        // this runs, and a database that is not there yet is retried by the
        // requests that need it.
        actix_web::rt::spawn({
            let state = state.clone();
            async move { state.pool.warm_up().await }
        });
        App::new()
            .app_data(state)
            .wrap(middleware::DefaultHeaders::new().add((header::SERVER, SERVER_NAME)))
            .configure(handlers::routes)
    })
    .workers(config.workers)
    .shutdown_timeout(SHUTDOWN_GRACE_SECS)
    .bind(config.listen)
    .map_err(|e| std::io::Error::new(e.kind(), format!("cannot listen on {} (BATTLE_HOST/BATTLE_PORT): {e}", config.listen)))?
    .run()
    .await
}
