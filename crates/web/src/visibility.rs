//! Which pictures the public may see: the one rule the reader's media bank,
//! the Content API and `/media/` files share. A picture is public when a
//! published story uses it or an editor released it (`is_public`, kept by
//! the store), or when it is an edition's logo (shown on every page).
//! Anything else answers exactly as a picture that does not exist.

use dateline_store::Edition;

/// Whether readers may see asset `media_id` whose stored flag is `is_public`.
pub(crate) fn public_picture(media_id: i64, is_public: bool, editions: &[Edition]) -> bool {
    is_public || editions.iter().any(|e| e.logo_media_id == Some(media_id))
}
