//! Prints sample demo content: `cargo run -p dateline-demo --example sample -- [seed] [count]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use dateline_demo::plan::{DemoPlan, PlannedBlock};
use dateline_demo::text::Lang;
use dateline_domain::BodyBlock;

fn main() {
    let seed: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let count: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let plan = DemoPlan::generate(seed, 1_760_000_000).unwrap();
    for lang in Lang::ALL {
        println!("== {} ==", plan.editions[lang.index()].name);
        let ours: Vec<_> = plan.articles.iter().filter(|a| a.lang == lang).collect();
        for a in ours.iter().rev().take(count) {
            println!(
                "[{}] {}\n    {}\n",
                plan.sections[lang.index()][a.section].title,
                a.headline,
                a.lead
            );
        }
        let a = ours.iter().rev().find(|a| a.body.len() >= 9).unwrap();
        println!(
            "--- full article: {} ({:?}, tags {:?})",
            a.headline,
            a.status,
            a.tags.iter().map(|t| &t.1).collect::<Vec<_>>()
        );
        for b in &a.body {
            match b {
                PlannedBlock::Ready(BodyBlock::Paragraph { text, .. }) => println!("  {text}"),
                PlannedBlock::Ready(BodyBlock::Heading { text, .. }) => println!("  ## {text}"),
                PlannedBlock::Ready(BodyBlock::Quote { text, attribution }) => {
                    println!("  > \"{text}\" — {attribution}")
                }
                PlannedBlock::Related(i) => println!("  [related: {}]", plan.articles[*i].headline),
                PlannedBlock::Image(picture) => {
                    let p = &plan.pictures[*picture];
                    println!("  [image: {} | {}]", p.caption, p.credit)
                }
                PlannedBlock::Ready(other) => println!("  {other:?}"),
            }
        }
        println!();
    }
}
