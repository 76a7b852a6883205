//! The JSON frames of a chat socket.
//!
//! Client to server: `{"type":"send","body":"…","nonce":"…"}` and
//! `{"type":"history","before":id}`. Server to client: `ready` (on open:
//! whether this client may write, and why not), `message`, `deleted`,
//! `presence`, `history` (a page of older messages, oldest first), `sent`
//! (the client's `nonce` and the new id) and `error` (a code and a reason
//! in the page's language, to that client alone, with its `nonce`).

use serde::{Deserialize, Serialize};

use super::room::MessageView;

/// Longest nonce echoed back.
const MAX_NONCE: usize = 64;

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(super) enum ClientFrame {
    Send {
        body: String,
        #[serde(default)]
        nonce: Option<String>,
    },
    History {
        before: i64,
    },
}

impl ClientFrame {
    pub fn parse(text: &str) -> Option<ClientFrame> {
        let mut frame: ClientFrame = serde_json::from_str(text).ok()?;
        if let ClientFrame::Send { nonce: Some(n), .. } = &mut frame {
            if n.len() > MAX_NONCE {
                return None;
            }
        }
        Some(frame)
    }

    pub fn nonce(&self) -> Option<String> {
        match self {
            ClientFrame::Send { nonce, .. } => nonce.clone(),
            ClientFrame::History { .. } => None,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(super) enum ServerFrame {
    Ready {
        can_send: bool,
        /// Why not, when the client cannot send.
        reason: Option<String>,
        count: u32,
        label: String,
    },
    Message(MessageView),
    Deleted {
        id: i64,
    },
    Presence {
        count: u32,
        /// "N people here" in the page's language.
        label: String,
    },
    History {
        before: i64,
        messages: Vec<MessageView>,
        more: bool,
    },
    Sent {
        nonce: Option<String>,
        id: i64,
    },
    Error {
        code: &'static str,
        reason: String,
        nonce: Option<String>,
    },
}

impl ServerFrame {
    pub fn to_json(&self) -> String {
        // Plain data: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn frames_parse_strictly() {
        assert!(matches!(
            ClientFrame::parse(r#"{"type":"send","body":"hi","nonce":"n1"}"#),
            Some(ClientFrame::Send { .. })
        ));
        assert!(matches!(
            ClientFrame::parse(r#"{"type":"history","before":5}"#),
            Some(ClientFrame::History { before: 5 })
        ));
        assert!(ClientFrame::parse("not json").is_none());
        assert!(ClientFrame::parse(r#"{"type":"shout"}"#).is_none());
        assert!(ClientFrame::parse(r#"{"type":"history","before":"x"}"#).is_none());
        let long = format!(
            r#"{{"type":"send","body":"x","nonce":"{}"}}"#,
            "n".repeat(65)
        );
        assert!(ClientFrame::parse(&long).is_none());
        let out = ServerFrame::Deleted { id: 3 }.to_json();
        assert_eq!(out, r#"{"type":"deleted","id":3}"#);
    }
}
