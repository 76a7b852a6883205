//! `dateline openapi`: print the OpenAPI 3.1 document of the Content and
//! Admin APIs, as `/api/openapi.json` serves it, without a database or a
//! server (for client generators and for CI's validator).

use anyhow::Context;

use crate::config::Config;

pub fn run(config: &Config) -> anyhow::Result<()> {
    let doc = dateline_web::api::openapi(&config.effective_base_url());
    let json = doc
        .to_pretty_json()
        .context("cannot write the OpenAPI document")?;
    println!("{json}");
    Ok(())
}
