//! Errors as JSON responses.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use sitrep_store::query::QueryError;

/// An error the API reports to its client.
#[derive(Debug)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Short machine-readable code (`bad_request`, `not_found`, `query_too_expensive`).
    pub code: &'static str,
    /// What went wrong, for people.
    pub message: String,
}

impl ApiError {
    /// A 400 with a message.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "bad_request",
            message: message.into(),
        }
    }

    /// A 404 with a message.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message: message.into(),
        }
    }

    /// A 500; the details go to stderr, not to the client.
    pub fn internal(detail: &dyn std::error::Error) -> ApiError {
        let mut chain = detail.to_string();
        let mut source = detail.source();
        while let Some(s) = source {
            chain += &format!(": {s}");
            source = s.source();
        }
        eprintln!("sitrep serve: {chain}");
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: "the database could not answer; see the server log".into(),
        }
    }
}

impl From<QueryError> for ApiError {
    fn from(e: QueryError) -> Self {
        match e {
            QueryError::Filter(f) => ApiError::bad_request(f.to_string()),
            QueryError::Interrupted => too_expensive(),
            other => ApiError::internal(&other),
        }
    }
}

impl From<sitrep_store::StoreError> for ApiError {
    fn from(e: sitrep_store::StoreError) -> Self {
        ApiError::internal(&e)
    }
}

/// The query ran out of its time budget.
pub fn too_expensive() -> ApiError {
    ApiError {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        code: "query_too_expensive",
        message: "the query took too long and was stopped; narrow the filters or the page".into(),
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": {"status": self.status.as_u16(), "code": self.code, "message": self.message}
        });
        (self.status, Json(body)).into_response()
    }
}
