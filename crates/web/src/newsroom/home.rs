//! `/newsroom/`: who is signed in, and where to go.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Serialize;

use super::pages::{render_page, Chrome, NewsroomLocale};
use crate::auth::Staff;
use crate::error::ApiError;
use crate::AppState;

#[derive(Serialize)]
struct HomeView {
    #[serde(flatten)]
    chrome: Chrome,
    scopes: Vec<&'static str>,
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
) -> Result<Response, ApiError> {
    let locale = NewsroomLocale::from_headers(&state, &headers);
    let view = HomeView {
        scopes: staff.scopes().names(),
        chrome: Chrome::new(&staff, "home"),
    };
    render_page(&state, &locale, StatusCode::OK, "newsroom/home.html", &view)
}
