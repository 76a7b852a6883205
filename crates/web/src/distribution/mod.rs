//! Distribution formats for clients' systems: IPTC ninjs (JSON) and
//! NewsML-G2 (XML) documents of public stories and pictures.
//!
//! Every format is built from one [`Story`] (or one public picture), loaded
//! with a bounded number of queries; each format is a module of its own.

// A story's body as XHTML and as text, for every format (feeds too).
pub(crate) mod body;
// Which representation an `Accept` header asks for.
mod negotiation;
pub(crate) mod newsml;
pub(crate) mod ninjs;
mod story;

pub(crate) use negotiation::Representation;
pub(crate) use story::Story;
