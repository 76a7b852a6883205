"""Prints bench/run's results as a Markdown table.

The ratio column compares requests per second with nginx serving the same
bytes: `article-br` with `article-br-static`, `article-gzip` with
`article-gzip-static`, every other page with the identity `article-static`.
"""
import csv
import sys

rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
nginx = {r["page"]: float(r["req_s"]) for r in rows if r["backend"] == "nginx"}


def baseline(page):
    for variant in ("article-br", "article-gzip"):
        if page == variant:
            return nginx.get(variant + "-static")
    return nginx.get("article-static")


print("| backend | articles | page | requests/s | p50 ms | p99 ms | RSS MB | ratio to nginx |")
print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
for r in rows:
    base = None if r["backend"] == "nginx" else baseline(r["page"])
    ratio = f"{float(r['req_s']) / base:.2f}" if base else "-"
    print(
        f"| {r['backend']} | {r['articles']} | {r['page']} | {r['req_s']} | "
        f"{r['p50_ms']} | {r['p99_ms']} | {r['rss_mb']} | {ratio} |"
    )
