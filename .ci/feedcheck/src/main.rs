//! Parses each feed given as a file path or an `http://` address with
//! feed-rs and checks what every Dateline feed item must carry: an id, a
//! link, a title, a publication date and content. Prints one line per feed
//! and the reason of each failure; exits non-zero if any feed failed.

use std::process::ExitCode;

use feed_rs::model::Feed;

fn main() -> ExitCode {
    let sources: Vec<String> = std::env::args().skip(1).collect();
    if sources.is_empty() {
        eprintln!("usage: dateline-feedcheck FILE-OR-URL...");
        return ExitCode::from(2);
    }
    let mut failed = 0_usize;
    for source in &sources {
        match check(source) {
            Ok(summary) => println!("ok   {source}: {summary}"),
            Err(reason) => {
                failed += 1;
                println!("FAIL {source}: {reason}");
            }
        }
    }
    println!("feed-rs: {} feeds checked, {failed} failed", sources.len());
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn read(source: &str) -> Result<Vec<u8>, String> {
    if source.starts_with("http://") || source.starts_with("https://") {
        let mut response = ureq::get(source)
            .call()
            .map_err(|e| format!("fetch: {e}"))?;
        response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_vec()
            .map_err(|e| format!("read: {e}"))
    } else {
        std::fs::read(source).map_err(|e| format!("read: {e}"))
    }
}

fn check(source: &str) -> Result<String, String> {
    let bytes = read(source)?;
    let feed = feed_rs::parser::parse(bytes.as_slice()).map_err(|e| format!("parse: {e}"))?;
    check_feed(&feed)?;
    Ok(format!(
        "{:?}, {} entries",
        feed.feed_type,
        feed.entries.len()
    ))
}

fn check_feed(feed: &Feed) -> Result<(), String> {
    if feed
        .title
        .as_ref()
        .is_none_or(|t| t.content.trim().is_empty())
    {
        return Err("the feed has no title".into());
    }
    if feed.links.is_empty() {
        return Err("the feed has no link".into());
    }
    for (n, entry) in feed.entries.iter().enumerate() {
        let at = |what: &str| format!("entry {n} ({}): {what}", entry.id);
        if entry.id.trim().is_empty() {
            return Err(at("no id"));
        }
        if entry.links.is_empty() {
            return Err(at("no link"));
        }
        if entry
            .title
            .as_ref()
            .is_none_or(|t| t.content.trim().is_empty())
        {
            return Err(at("no title"));
        }
        if entry.published.is_none() {
            return Err(at("no publication date"));
        }
        let has_content = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .is_some_and(|b| !b.trim().is_empty());
        if !has_content {
            return Err(at("no content"));
        }
    }
    Ok(())
}
