"""Prints bench/run's results as a Markdown table.

The ratio column compares requests per second with nginx serving the same
bytes: `article-br` with `article-br-static`, `article-gzip` with
`article-gzip-static`, every other page with the identity `article-static`.
The last column compares a row with the same backend and page at the
smallest archive size: its p50 divided by the small archive's p50 (the
target is at most 1.5).
"""
import csv
import sys

rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
nginx = {r["page"]: float(r["req_s"]) for r in rows if r["backend"] == "nginx"}
sizes = sorted({int(r["articles"]) for r in rows if r["backend"] != "nginx"})
smallest = {
    (r["backend"], r["page"]): r
    for r in rows
    if r["backend"] != "nginx" and sizes and int(r["articles"]) == sizes[0]
}


def baseline(page):
    for variant in ("article-br", "article-gzip"):
        if page == variant:
            return nginx.get(variant + "-static")
    return nginx.get("article-static")


def versus_smallest(r):
    if r["backend"] == "nginx" or int(r["articles"]) == sizes[0]:
        return "-"
    small = smallest.get((r["backend"], r["page"]))
    if not small or float(small["p50_ms"]) == 0:
        return "-"
    return f"{float(r['p50_ms']) / float(small['p50_ms']):.2f}"


print(
    "| backend | articles | page | requests/s | p50 ms | p99 ms | RSS MB "
    "| ratio to nginx | p50 vs smallest archive |"
)
print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in rows:
    base = None if r["backend"] == "nginx" else baseline(r["page"])
    ratio = f"{float(r['req_s']) / base:.2f}" if base else "-"
    print(
        f"| {r['backend']} | {r['articles']} | {r['page']} | {r['req_s']} | "
        f"{r['p50_ms']} | {r['p99_ms']} | {r['rss_mb']} | {ratio} | {versus_smallest(r)} |"
    )
