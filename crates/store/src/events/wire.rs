//! Events on the wire between nodes: JSON envelopes naming the sending
//! node, each small enough for one PostgreSQL `NOTIFY` (payloads must stay
//! under 8000 bytes).

use serde::{Deserialize, Serialize};

use super::{Event, NodeId};

/// Room left under NOTIFY's 8000-byte limit for safety.
pub(super) const MAX_PAYLOAD: usize = 7900;
/// Keys per purge piece before packing: keys are a few bytes each.
const KEYS_PER_PIECE: usize = 400;

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Envelope {
    pub origin: NodeId,
    pub events: Vec<Event>,
}

fn json(origin: NodeId, events: &[Event]) -> String {
    #[derive(Serialize)]
    struct Borrowed<'a> {
        origin: NodeId,
        events: &'a [Event],
    }
    // Events are plain data: serialising them cannot fail.
    serde_json::to_string(&Borrowed { origin, events }).unwrap_or_default()
}

/// The payloads announcing `events`, in order, each under [`MAX_PAYLOAD`]
/// bytes: long purges are split, small events share a payload, and an event
/// too large for any payload becomes `Resync`.
pub(super) fn payloads(origin: NodeId, events: &[Event]) -> Vec<String> {
    let pieces = events.iter().flat_map(|event| match event {
        Event::Purge { keys, origin } if keys.len() > KEYS_PER_PIECE => keys
            .chunks(KEYS_PER_PIECE)
            .map(|chunk| Event::Purge {
                keys: chunk.to_vec(),
                origin: *origin,
            })
            .collect(),
        other => vec![other.clone()],
    });
    let mut out = Vec::new();
    let mut batch: Vec<Event> = Vec::new();
    for piece in pieces {
        batch.push(piece);
        if json(origin, &batch).len() <= MAX_PAYLOAD {
            continue;
        }
        let piece = batch.pop().unwrap_or(Event::Resync);
        if !batch.is_empty() {
            out.push(json(origin, &batch));
        }
        batch = vec![piece];
        if json(origin, &batch).len() > MAX_PAYLOAD {
            batch = vec![Event::Resync];
        }
    }
    if !batch.is_empty() {
        out.push(json(origin, &batch));
    }
    out
}

/// Reads a payload; anything unreadable (say, from a newer version) is
/// `None`, which the listener turns into `Resync`.
pub(super) fn parse(payload: &str) -> Option<Envelope> {
    serde_json::from_str(payload).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::CacheKey;

    #[test]
    fn small_events_share_one_payload_and_read_back() {
        let node = NodeId(0xabc);
        let events = vec![
            Event::purge(node, [CacheKey::Article(1), CacheKey::Site]),
            Event::Published {
                article_id: 1,
                edition_id: 2,
            },
        ];
        let out = payloads(node, &events);
        assert_eq!(out.len(), 1);
        assert!(
            out[0].contains(r#""origin":"0000000000000abc""#),
            "{}",
            out[0]
        );
        let back = parse(&out[0]).unwrap();
        assert_eq!((back.origin, back.events), (node, events));
        assert!(parse(r#"{"origin":"1","events":[{"type":"from_the_future"}]}"#).is_none());
    }

    #[test]
    fn long_purges_are_split_under_the_limit_keeping_every_key() {
        let node = NodeId(u64::MAX);
        let keys: Vec<CacheKey> = (1_000_000_000_000..1_000_000_003_000)
            .map(CacheKey::Article)
            .collect();
        let out = payloads(node, &[Event::purge(node, keys.clone())]);
        assert!(out.len() > 1);
        let mut seen = Vec::new();
        for payload in &out {
            assert!(payload.len() <= MAX_PAYLOAD, "{}", payload.len());
            for event in parse(payload).unwrap().events {
                let Event::Purge { keys, .. } = event else {
                    panic!("{event:?}")
                };
                seen.extend(keys);
            }
        }
        let want: Vec<String> = keys.iter().map(ToString::to_string).collect();
        assert_eq!(seen, want);
    }
}
