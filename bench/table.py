"""Prints bench/run's results as a Markdown table with the ratio to nginx."""
import csv
import sys

rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
nginx = next((float(r["req_s"]) for r in rows if r["backend"] == "nginx"), None)
print("| backend | articles | page | requests/s | p50 ms | p99 ms | RSS MB | ratio to nginx |")
print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
for r in rows:
    ratio = f"{float(r['req_s']) / nginx:.2f}" if nginx else "-"
    print(f"| {r['backend']} | {r['articles']} | {r['page']} | {r['req_s']} | {r['p50_ms']} | {r['p99_ms']} | {r['rss_mb']} | {ratio} |")
