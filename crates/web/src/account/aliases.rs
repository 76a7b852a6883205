//! Addresses a reader types or guesses for an account page that posts
//! elsewhere (`/account/profile`, `/account/password`, `/account/logout`…)
//! or goes by another name (`/account/settings`, `/account/signup`): a
//! `GET` answers 303 to the page that does what it names, in the same
//! edition and with the same return address.

use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::{get, MethodRouter};

use super::page::{AccountPage, Place};
use super::session::see_other;
use crate::error::ApiError;
use crate::urls::Urls;
use crate::AppState;

/// Where an alias leads.
#[derive(Clone, Copy)]
pub(super) enum Target {
    /// An account page (`""` is the profile), at a part of it.
    Account(&'static str, &'static str),
    /// The edition's newsletter page (lists and alerts).
    Newsletters,
}

/// A `GET` that leads to `target`; the path's other methods are added to
/// it where the route is declared.
pub(super) fn leads_to(target: Target) -> MethodRouter<AppState> {
    get(move |state: State<AppState>, query: Query<Place>| lead(state, query, target))
}

async fn lead(
    State(state): State<AppState>,
    Query(place): Query<Place>,
    target: Target,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &place).await?;
    let to = match target {
        Target::Account(name, part) => format!("{}{part}", page.url(name)),
        Target::Newsletters => Urls::relative().newsletter(&page.ctx.edition.code),
    };
    Ok(see_other(&to))
}
