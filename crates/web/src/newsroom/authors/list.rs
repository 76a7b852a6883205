//! The bylines, by name, with the editions each writes for.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Serialize;

use crate::auth::{Permission, Staff};
use crate::error::ApiError;
use crate::newsroom::pages::{render_page, Chrome, NewsroomLocale};
use crate::urls::Urls;
use crate::AppState;

#[derive(Serialize)]
struct AuthorRow {
    name: String,
    slug: String,
    article_count: i64,
    /// Edition names, in the editions' order.
    editions: Vec<String>,
    /// The linked staff account's e-mail address.
    account: Option<String>,
    edit_url: String,
    /// The author page in the first of the author's editions.
    page_url: Option<String>,
}

#[derive(Serialize)]
struct ListView {
    #[serde(flatten)]
    chrome: Chrome,
    authors: Vec<AuthorRow>,
    new_url: &'static str,
}

pub(super) async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageAuthors)?;
    let locale = NewsroomLocale::from_headers(&state, &headers);
    let (authors, editions, accounts, pairs) = tokio::try_join!(
        state.store.authors(),
        state.store.editions(),
        state.store.staff_accounts(),
        state.store.all_author_editions(),
    )?;
    let emails: HashMap<i64, String> = accounts
        .into_iter()
        .map(|a| (a.id(), a.user.email.to_string()))
        .collect();
    let mut rows = Vec::with_capacity(authors.len());
    for author in authors {
        let mine: Vec<_> = editions
            .iter()
            .filter(|e| pairs.contains(&(author.id, e.id)))
            .collect();
        rows.push(AuthorRow {
            page_url: mine
                .first()
                .map(|e| Urls::relative().author(&e.code, &author.slug)),
            editions: mine.iter().map(|e| e.name.clone()).collect(),
            account: author.user_id.and_then(|id| emails.get(&id).cloned()),
            edit_url: crate::urls::newsroom::author(author.id),
            name: author.name,
            slug: author.slug.to_string(),
            article_count: author.article_count,
        });
    }
    let view = ListView {
        chrome: Chrome::new(&staff, "authors"),
        authors: rows,
        new_url: crate::urls::newsroom::NEW_AUTHOR,
    };
    render_page(
        &state,
        &locale,
        StatusCode::OK,
        "newsroom/authors.html",
        &view,
    )
}
