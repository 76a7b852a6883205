//! Property-style: generated tag soup, every output valid, every word a
//! reader could read still there.

use super::*;

/// A small deterministic generator (xorshift), so failures repeat.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Pieces holding a word (`{w}`) a reader would see.
const LEAVES: [&str; 24] = [
    "{w}",
    "plain {w} text",
    "{w}\n\n{w}",
    "<img src=\"/{w}.jpg\" alt=\"{w}\">",
    "<iframe src=\"https://v.example/{w}\" title=\"t\"></iframe>",
    "\nhttps://e.example/{w}\n",
    "[caption id=\"a\" width=\"1\"]<img src=\"x.jpg\"> {w}[/caption]",
    "a&amp;{w}&nbsp;",
    "Привет {w} 你好",
    "<br>{w}<br>",
    "[foo bar=\"1\"]{w}[/foo]",
    "<cite>{w}</cite>",
    "x\u{1}{w}\u{fffe}",
    "<a href=\"javascript:x\">{w}</a>",
    "<a href=\"https://l.example/\">{w}</a>",
    "<video src=\"https://v.example/{w}.mp4\"></video>",
    "<figure><img src=\"f.jpg\"><figcaption>{w}</figcaption></figure>",
    "<table><tr><td>{w}</td><td>{w}</td></tr></table>",
    "<pre>  {w}\n</pre>",
    "<h5>{w}</h5>",
    "<li>{w}",
    "<blockquote><p>{w}</p><footer>{w}</footer></blockquote>",
    "<p>{w}",
    "<!-- {w} --><code>{w}</code>",
];

/// Pieces without a word: dropped or structural.
const NOISE: [&str; 6] = [
    "<script>var a = '[caption]';</script>",
    "<hr>",
    "<style>b{}</style>",
    "</p>",
    "<input value=x>",
    "[/caption]",
];

const WRAPPERS: [(&str, &str); 16] = [
    ("<div>", "</div>"),
    ("<p>", "</p>"),
    ("<blockquote>", "</blockquote>"),
    ("<ul><li>", "</li></ul>"),
    ("<ol><li>", "</li><li>x</li></ol>"),
    ("<table><tr><td>", "</td></tr></table>"),
    ("<figure>", "</figure>"),
    ("<b>", "</b>"),
    ("<em>", "</em>"),
    ("<a href=\"https://example.org/w\">", "</a>"),
    ("<h2>", "</h2>"),
    ("<pre>", "</pre>"),
    ("<section>", "</section>"),
    ("<span>", "</span>"),
    ("[caption]", "[/caption]"),
    ("<dl><dt>", "</dt></dl>"),
];

#[test]
fn generated_bodies_give_valid_blocks_and_keep_every_word() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut word = 0usize;
    for _ in 0..600 {
        let mut html = String::new();
        let mut words = Vec::new();
        for _ in 0..1 + rng.below(12) {
            let wrappers: Vec<_> = (0..rng.below(4))
                .map(|_| WRAPPERS[rng.below(WRAPPERS.len())])
                .collect();
            for (open, _) in &wrappers {
                html.push_str(open);
            }
            if rng.below(5) == 0 {
                html.push_str(NOISE[rng.below(NOISE.len())]);
            } else {
                let leaf = LEAVES[rng.below(LEAVES.len())];
                let w = format!("q{word}z");
                word += 1;
                // Comments are not text; a word only there may go.
                if !leaf.starts_with("<!--") {
                    words.push(w.clone());
                }
                html.push_str(&leaf.replace("{w}", &w));
            }
            for (_, close) in wrappers.iter().rev() {
                html.push_str(close);
            }
            html.push_str(["", " ", "\n", "\n\n"][rng.below(4)]);
        }
        for base in [None, Some("https://old.example/blog/")] {
            let out = match base {
                None => convert(&html),
                Some(base) => convert_on(&html, base),
            };
            let text = all_text(&out);
            for w in &words {
                assert!(
                    text.contains(w.as_str()),
                    "{w} lost from {html:?}: {out:#?}"
                );
            }
        }
    }
}

/// The tests' own inputs, and some odd ones, all give valid blocks.
#[test]
fn odd_inputs_give_valid_blocks() {
    for html in [
        "",
        "   ",
        "<",
        "[",
        "[caption",
        "[caption]",
        "[/caption]x",
        "[caption]<img src=a.jpg>",
        "[embed]",
        "[embed]https://x.example[/embed",
        "[[[x]]]",
        "<a href>x</a>",
        "<a href=\"\">x</a><a href=\"   \">y</a>",
        "<a href=\"https://\">x</a>",
        "<a href=\"http:///x\">y</a>",
        "<a href=\"https://a.example/\"><a href=\"https://b.example/\">x</a></a>",
        "<a href=\"https://a.example/\"><div>x<p>y</p></div></a>",
        "<img>",
        "<img src=\"  \">",
        "<iframe></iframe>",
        "<table><td>x",
        "<li>orphan</li>",
        "<figcaption>orphan caption</figcaption>",
        "<cite>not in a quote</cite>",
        "<blockquote><blockquote>inner</blockquote>outer<cite>a</cite><cite>b</cite></blockquote>",
        "<ul><li><h2>h</h2><table><tr><td>c</td></tr></table><blockquote>q</blockquote><pre>p</pre><figure><img src=i.jpg><figcaption>f</figcaption></figure></li></ul>",
        "<h2><ul><li>a</li></ul><img src=x.jpg></h2>",
        "<pre><b>bold\n\n</b>   </pre>",
        "<pre>\n\n\n</pre>",
        "https://",
        "http://a b",
        "HTTPS://EXAMPLE.ORG/Path",
        "\u{0}\u{1}\u{fdd0}",
        "<p>\u{2003}</p>",
        "<b>\u{3000}x\u{3000}</b>",
        "<svg><a href=\"https://x.example\">in svg</a></svg>",
        "<math><mi>x</mi></math>",
        "<template><p>t</p></template>",
        "<select><option>o</option></select>",
        "<object data=\"x.swf\"><param name=a>fallback text</object>",
        "<details><summary>More</summary>Hidden text</details>",
        "<dl-embed url=\"javascript:x\"></dl-embed><dl-gallery></dl-gallery><dl-media></dl-media>",
    ] {
        convert(html);
        convert_on(html, "https://old.example/");
        super::super::to_text(html);
    }
}
