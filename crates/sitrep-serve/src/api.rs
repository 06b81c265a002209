//! The `/api` handlers: parse and validate the query string, run the query on a fresh
//! read-only connection within the time budget, answer JSON.

use crate::error::{too_expensive, ApiError};
use crate::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::Uri;
use axum::Json;
use sitrep_model::Fact;
use sitrep_store::query::{
    ActorHit, Edge, EventHit, FactDetail, FilterInput, Interrupt, Page, QueryError, SearchHit,
};
use sitrep_store::{Store, Totals};
use std::sync::Arc;

type Params = Result<Query<Vec<(String, String)>>, QueryRejection>;
type Shared = State<Arc<AppState>>;

/// `GET /api/stats`: totals over the database.
pub async fn stats(State(s): Shared) -> Result<Json<Totals>, ApiError> {
    let cached = |s: &AppState| s.stats.lock().ok().and_then(|c| c.clone());
    if let Some((at, totals)) = cached(&s) {
        if at.elapsed() < crate::STATS_MAX_AGE {
            return Ok(Json(totals));
        }
    }
    let totals = run(&s, |store| Ok(store.totals()?)).await?;
    if let Ok(mut c) = s.stats.lock() {
        *c = Some((std::time::Instant::now(), totals.clone()));
    }
    Ok(Json(totals))
}

/// `GET /api/events`.
pub async fn events(State(s): Shared, params: Params) -> Result<Json<Page<EventHit>>, ApiError> {
    let (input, _) = parse(params, &[])?;
    let filter = input.parse().map_err(QueryError::from)?;
    Ok(Json(
        run(&s, move |store| store.query_events(&filter)).await?,
    ))
}

/// `GET /api/facts`.
pub async fn facts(State(s): Shared, params: Params) -> Result<Json<Page<Fact>>, ApiError> {
    let (input, _) = parse(params, &[])?;
    let filter = input.parse().map_err(QueryError::from)?;
    Ok(Json(
        run(&s, move |store| store.query_facts(&filter)).await?,
    ))
}

/// `GET /api/facts/{id}`: the fact with its assertions and denials.
pub async fn fact(State(s): Shared, Path(id): Path<String>) -> Result<Json<FactDetail>, ApiError> {
    let key = id.clone();
    match run(&s, move |store| store.fact_detail(&key)).await? {
        Some(detail) => Ok(Json(detail)),
        None => Err(ApiError::not_found(format!("no fact with id {id:?}"))),
    }
}

/// `GET /api/actors`.
pub async fn actors(State(s): Shared, params: Params) -> Result<Json<Page<ActorHit>>, ApiError> {
    let (input, _) = parse(params, &[])?;
    let filter = input.parse().map_err(QueryError::from)?;
    Ok(Json(
        run(&s, move |store| store.query_actors(&filter)).await?,
    ))
}

/// `GET /api/network`: edges between actors, summed over the matching facts.
pub async fn network(State(s): Shared, params: Params) -> Result<Json<Vec<Edge>>, ApiError> {
    let (input, _) = parse(params, &[])?;
    let filter = input.parse().map_err(QueryError::from)?;
    Ok(Json(run(&s, move |store| store.network(&filter)).await?))
}

/// `GET /api/search?q=...`.
pub async fn search(State(s): Shared, params: Params) -> Result<Json<Page<SearchHit>>, ApiError> {
    let (input, extra) = parse(params, &["q"])?;
    let q = extra
        .into_iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v)
        .ok_or_else(|| ApiError::bad_request("missing q: give the words to search for"))?;
    let filter = input.parse().map_err(QueryError::from)?;
    Ok(Json(run(&s, move |store| store.search(&q, &filter)).await?))
}

/// Any other path.
pub async fn not_found(uri: Uri) -> ApiError {
    ApiError::not_found(format!("no such path: {}", uri.path()))
}

/// Splits the query string into filters and the `extra` names this endpoint takes;
/// unknown or repeated names are errors, so a typo never silently widens a query.
fn parse(params: Params, extra: &[&str]) -> Result<(FilterInput, Vec<(String, String)>), ApiError> {
    let Query(pairs) = params.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let mut input = FilterInput::default();
    let mut rest = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (key, value) in pairs {
        if !seen.insert(key.clone()) {
            return Err(ApiError::bad_request(format!(
                "parameter {key:?} given twice"
            )));
        }
        let slot = match key.as_str() {
            "actor" => &mut input.actor,
            "category" => &mut input.category,
            "modality" => &mut input.modality,
            "from" => &mut input.from,
            "to" => &mut input.to,
            "outlet" => &mut input.outlet,
            "contested" => &mut input.contested,
            "sort" => &mut input.sort,
            "limit" => &mut input.limit,
            "offset" => &mut input.offset,
            k if extra.contains(&k) => {
                rest.push((key, value));
                continue;
            }
            _ => {
                let mut known: Vec<&str> = FilterInput::NAMES.to_vec();
                known.extend(extra);
                return Err(ApiError::bad_request(format!(
                    "unknown parameter {key:?}; expected one of {}",
                    known.join(", ")
                )));
            }
        };
        *slot = Some(value);
    }
    Ok((input, rest))
}

/// Runs `f` on a fresh read-only connection on the blocking pool, waiting for a permit
/// first and interrupting the query when it outlives the time budget.
pub(crate) async fn run<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> Result<T, QueryError> + Send + 'static,
{
    let _permit = state
        .permits
        .acquire()
        .await
        .map_err(|e| ApiError::internal(&e))?;
    // Opening happens on the blocking pool too: a PostgreSQL connection blocks on the
    // network, and its sync client must not run on an async worker thread.
    let db = state.db.clone();
    let slot: Arc<std::sync::Mutex<Option<Interrupt>>> = Arc::default();
    let handle = Arc::clone(&slot);
    let mut task = tokio::task::spawn_blocking(move || {
        let store = Store::open_read_only(&db)?;
        if let Ok(mut h) = handle.lock() {
            *h = Some(store.interrupt_handle());
        }
        f(&store)
    });
    match tokio::time::timeout(state.options.query_timeout, &mut task).await {
        Ok(Ok(result)) => Ok(result?),
        Ok(Err(join)) => Err(ApiError::internal(&join)),
        Err(_) => {
            // Cancelling a PostgreSQL query connects to the server: not on this thread.
            drop(tokio::task::spawn_blocking(move || {
                interrupt_until_finished(&slot, &task)
            }));
            Err(too_expensive())
        }
    }
}

/// Interrupts the query's store until its thread gives up.
///
/// One interrupt is not enough: one sent before the store is open, or between two of the
/// query's statements, is lost, and the next statement would then run unbounded.
fn interrupt_until_finished<T>(
    slot: &std::sync::Mutex<Option<Interrupt>>,
    task: &tokio::task::JoinHandle<T>,
) {
    while !task.is_finished() {
        if let Ok(handle) = slot.lock() {
            if let Some(interrupt) = handle.as_ref() {
                interrupt.interrupt();
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
