//! battle-rust: the Battle Suite v1 on hyper 0.14 + tokio + tokio-postgres,
//! and the helpdesk example suite (suite/helpdesk) with jsonwebtoken.
//! Configuration comes from the environment (see config.rs); only errors are
//! logged, to stderr.

mod auth;
mod db;
mod fortunes;
mod handlers;
mod params;
mod tickets;
mod writer;

// The domain code all three Rust stacks share (contenders/rust-domain).
use battle_domain::{catalog, config, helpdesk, orders};

use std::convert::Infallible;
use std::future::Future;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use hyper::service::{make_service_fn, service_fn};
use hyper::Server;
use tokio::signal::unix::{signal, SignalKind};
use tokio::sync::oneshot;

use crate::auth::Auth;
use crate::catalog::Catalog;
use crate::config::Config;
use crate::db::Pool;
use crate::handlers::App;
use crate::writer::Writers;

/// How long in-flight requests get after SIGTERM (the arena kills at 10 s).
const SHUTDOWN_GRACE: Duration = Duration::from_secs(8);

fn main() -> ExitCode {
    let mut config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("battle-rust: {e}");
            return ExitCode::from(2);
        }
    };
    config.db.application_name("battle-rust");
    // Off unless the tuned tier sets it (contender.toml, [tiers.tuned.run.env]).
    let pipeline_flush = match config::env_flag("BATTLE_HYPER_PIPELINE_FLUSH") {
        Ok(on) => on,
        Err(e) => {
            eprintln!("battle-rust: {e}");
            return ExitCode::from(2);
        }
    };
    // The one line docs/SUITE.md §4 allows besides errors: how the runtime sized itself.
    eprintln!(
        "battle-runtime: tokio_workers={} http1_pipeline_flush={}",
        config.workers, pipeline_flush
    );
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(config.workers)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("battle-rust: cannot start the tokio runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The server runs as a task so that all of its work happens on the
    // worker threads; the main thread only waits for it.
    let catalog = Catalog::with_products(Catalog::size_for_live_heap(config.live_heap_mb));
    let result = runtime.block_on(async { tokio::spawn(serve(config, catalog, pipeline_flush)).await });
    runtime.shutdown_timeout(Duration::from_secs(1));
    match result {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("battle-rust: {e}");
            ExitCode::FAILURE
        }
        Err(panic) => {
            eprintln!("battle-rust: the server task failed: {panic}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(
    config: Config,
    catalog: Catalog,
    pipeline_flush: bool,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let shutdown = shutdown_signal()?;
    let app = Arc::new(App {
        // As many transaction connections as read clients, opened on first use.
        writers: Writers::new(config.db.clone(), config.db_pool),
        pool: Pool::new(config.db, config.db_pool),
        catalog,
        auth: Auth::from_env(),
    });

    let make_service = make_service_fn({
        let app = app.clone();
        move |_connection| {
            let app = app.clone();
            async move { Ok::<_, Infallible>(service_fn(move |req| handlers::handle(app.clone(), req))) }
        }
    });
    let (stop, stopped) = oneshot::channel::<()>();
    let server = Server::try_bind(&config.listen)
        .map_err(|e| {
            format!(
                "cannot listen on {} (BATTLE_HOST/BATTLE_PORT): {e}",
                config.listen
            )
        })?
        .tcp_nodelay(true)
        // hyper's docs: "aggregates flushes to better support pipelined responses" (default off).
        .http1_pipeline_flush(pipeline_flush)
        .serve(make_service)
        .with_graceful_shutdown(async {
            stopped.await.ok();
        });

    // Connect in the background: /plaintext answers while this runs, and a
    // database that is not there yet is retried by the requests that need it.
    tokio::spawn({
        let app = app.clone();
        async move { app.pool.warm_up().await }
    });

    tokio::pin!(server);
    tokio::select! {
        result = &mut server => return result.map_err(Into::into),
        () = shutdown => {}
    }
    // Stop accepting, let in-flight requests finish, close idle connections.
    stop.send(()).ok();
    match tokio::time::timeout(SHUTDOWN_GRACE, server).await {
        Ok(result) => result.map_err(Into::into),
        Err(_) => {
            eprintln!("battle-rust: requests still running {SHUTDOWN_GRACE:?} after SIGTERM; exiting");
            Ok(())
        }
    }
}

/// Resolves on SIGTERM (how the arena stops us) or SIGINT (Ctrl-C). The
/// handlers are installed when this is called, before the server listens.
fn shutdown_signal() -> std::io::Result<impl Future<Output = ()>> {
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    Ok(async move {
        tokio::select! {
            _ = terminate.recv() => {}
            _ = interrupt.recv() => {}
        }
    })
}
