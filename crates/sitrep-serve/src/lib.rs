//! HTTP API and web page over a sitrep database.
//!
//! Every request opens its own read-only connection, so requests never wait on each
//! other inside SQLite and a `sitrep run` can write meanwhile (the store uses WAL). The
//! database may also be a `postgres://` URL when sitrep-store has its `postgres`
//! feature; each request then opens a read-only PostgreSQL connection. A
//! semaphore bounds how many queries run at once, and each query has a time budget:
//! when it runs out the query is interrupted and the client gets a 422 asking for
//! narrower filters. Input errors are 4xx responses with a JSON body
//! `{"error": {"status", "code", "message"}}`.
//!
//! The page at `/` is served from the binary (no external CDN): a dated timeline of
//! facts, an actor network, and a fact view with every supporting sentence.

use axum::routing::get;
use axum::Router;
use sitrep_store::Store;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

mod api;
mod assets;
mod error;

pub use error::ApiError;

/// A server that could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The database could not be opened or migrated.
    #[error("opening the database")]
    Store(#[from] sitrep_store::StoreError),
    /// Binding the address or serving failed.
    #[error("network error")]
    Io(#[from] std::io::Error),
}

/// How the server bounds its work.
#[derive(Clone, Debug)]
pub struct Options {
    /// Longest a single query may run before it is interrupted.
    pub query_timeout: Duration,
    /// Queries running at once; more wait their turn.
    pub max_concurrent: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            query_timeout: Duration::from_secs(5),
            max_concurrent: 8,
        }
    }
}

/// What the handlers share.
pub struct AppState {
    db: PathBuf,
    options: Options,
    permits: tokio::sync::Semaphore,
    /// Totals take whole-table counts, so they are computed at most every
    /// [`STATS_MAX_AGE`] rather than on every page load.
    stats: std::sync::Mutex<Option<(std::time::Instant, sitrep_store::Totals)>>,
}

/// How long cached totals are served before they are counted again.
pub const STATS_MAX_AGE: Duration = Duration::from_secs(30);

impl AppState {
    /// State for the database at `db`, which is migrated to the current schema first so
    /// the per-request read-only connections can read it.
    pub fn new(db: &Path, options: Options) -> Result<AppState, ServeError> {
        drop(Store::open(db)?);
        Ok(AppState {
            db: db.to_path_buf(),
            permits: tokio::sync::Semaphore::new(options.max_concurrent.max(1)),
            stats: std::sync::Mutex::new(None),
            options,
        })
    }
}

/// The routes: the page, its assets and the `/api` endpoints.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(assets::index))
        .route("/app.js", get(assets::app_js))
        .route("/style.css", get(assets::style_css))
        .route("/api/openapi.json", get(assets::openapi))
        .route("/api/stats", get(api::stats))
        .route("/api/events", get(api::events))
        .route("/api/facts", get(api::facts))
        .route("/api/facts/{id}", get(api::fact))
        .route("/api/actors", get(api::actors))
        .route("/api/network", get(api::network))
        .route("/api/search", get(api::search))
        .fallback(api::not_found)
        .with_state(Arc::new(state))
}

/// Serves the API and page for the database at `db` on `addr` until the process is
/// stopped. Prints the address it listens on (useful with port 0) to stderr.
pub fn serve(db: &Path, addr: SocketAddr) -> Result<(), ServeError> {
    let state = AppState::new(db, Options::default())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        eprintln!(
            "serving {} on http://{}/",
            sitrep_store::db_label(db),
            listener.local_addr()?
        );
        axum::serve(listener, router(state)).await?;
        Ok(())
    })
}

#[cfg(test)]
mod tests;
