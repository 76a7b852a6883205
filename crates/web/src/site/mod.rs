//! What every public page shares, whichever feature draws it: the edition a
//! page belongs to and its chrome (masthead, navigation, `<head>` metadata),
//! the picture and card view models, and the error pages.
//!
//! The reader site, the account pages, comments and chats all build on this
//! module; none of them owns it, so none of them imports another for its
//! looks. Errors become HTML in one place (`errors.rs`).

mod cards;
mod chrome;
mod days;
mod errors;
mod pictures;

pub(crate) use cards::{card_media, Card};
pub(crate) use chrome::{Alternate, DocumentLink, EditionCtx, Layout, Meta, MetaImage};
pub(crate) use days::Day;
pub(crate) use errors::{
    fallback, html_errors, imported_address, moved_permanently, respond, PageError,
};
pub(crate) use pictures::{MediaMap, Picture};
