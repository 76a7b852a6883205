"""Finds every feed a running Dateline site advertises and checks each one.

Usage: feeds.py BASE_URL FEEDCHECK_BINARY

The editions come from the sitemap index; each edition's front page, its
section pages (the navigation), the tag and author pages its stories link
to and the listing pages of its sitemaps (when it has them) are read, and
every feed their `<link rel="alternate">` names is fetched: RSS, Atom and
JSON Feed. RSS and Atom must parse with feedparser without `bozo`; JSON
Feed (which feedparser 6.0 does not read) must be JSON with the fields JSON
Feed 1.1 requires. Then feed-rs (`.ci/feedcheck`) parses every file. Any
failure exits non-zero.
"""

import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import feedparser

FEED_TYPES = {
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "application/feed+json": "json",
}
# Story pages read per edition to find tag and author pages.
STORIES_PER_EDITION = int(os.environ.get("FEEDS_STORIES_PER_EDITION", "25"))
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def get(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.status, response.headers.get("content-type", ""), response.read()


class Links(html.parser.HTMLParser):
    """Feed links in the head and every `<a href>` of a page."""

    def __init__(self):
        super().__init__()
        self.feeds = []
        self.anchors = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "alternate" and a.get("type") in FEED_TYPES:
            self.feeds.append((a["type"], a["href"]))
        elif tag == "a" and a.get("href"):
            self.anchors.append(a["href"])


def page_links(base, path):
    status, _, body = get(urllib.parse.urljoin(base, path))
    parser = Links()
    parser.feed(body.decode("utf-8"))
    return parser


def sitemap_locs(url):
    try:
        _, _, body = get(url)
    except urllib.error.HTTPError as e:
        if e.code == 404:
            return []
        raise
    root = ET.fromstring(body)
    return [loc.text.strip() for loc in root.iter(SITEMAP_NS + "loc")]


def local_path(base, url):
    parsed = urllib.parse.urlsplit(urllib.parse.urljoin(base, url))
    base_host = urllib.parse.urlsplit(base).netloc
    if parsed.netloc and parsed.netloc != base_host:
        return None
    return parsed.path


def listing_pages(base):
    """Paths of every edition's front page and listing pages found."""
    index = sitemap_locs(urllib.parse.urljoin(base, "/sitemap.xml"))
    editions = sorted({urllib.parse.urlsplit(loc).path.split("/")[1] for loc in index})
    if not editions:
        raise SystemExit("the sitemap index names no edition")
    pages = set()
    for edition in editions:
        front = f"/{edition}/"
        pages.add(front)
        listing = re.compile(rf"^/{re.escape(edition)}/(tag/|author/)?[a-z0-9-]+/?$")
        section = re.compile(rf"^/{re.escape(edition)}/[a-z0-9-]+/$")
        for href in page_links(base, front).anchors:
            path = local_path(base, href)
            if path and section.match(path):
                pages.add(path)
        stories = []
        for loc in index:
            path = urllib.parse.urlsplit(loc).path
            if not path.startswith(front):
                continue
            locs = sitemap_locs(loc)
            if "sitemap-pages" in path:
                # The listing pages' sitemap, when the site has one.
                pages.update(p for p in (local_path(base, l) for l in locs) if p and listing.match(p))
            elif re.search(r"/sitemap-\d+\.xml$", path):
                stories.extend(locs)
        for story in stories[:STORIES_PER_EDITION]:
            for href in page_links(base, story).anchors:
                path = local_path(base, href)
                if path and re.match(rf"^/{re.escape(edition)}/(tag|author)/[a-z0-9-]+$", path):
                    pages.add(path)
    return sorted(pages)


def check_json_feed(body):
    feed = json.loads(body)
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        return f"version is {feed.get('version')!r}"
    if not feed.get("title"):
        return "no title"
    if not isinstance(feed.get("items"), list):
        return "no items"
    for n, item in enumerate(feed["items"]):
        if not item.get("id"):
            return f"item {n}: no id"
        if not (item.get("content_html") or item.get("content_text")):
            return f"item {n}: no content"
    return None


def main():
    base, feedcheck = sys.argv[1].rstrip("/") + "/", sys.argv[2]
    pages = listing_pages(base)
    feeds = {}
    for page in pages:
        for media_type, href in page_links(base, page).feeds:
            feeds[urllib.parse.urljoin(base, href)] = FEED_TYPES[media_type]
    kinds = {"rss": 0, "atom": 0, "json": 0}
    failures = []
    with tempfile.TemporaryDirectory(prefix="dateline-feeds-") as folder:
        files = []
        for n, (url, kind) in enumerate(sorted(feeds.items())):
            kinds[kind] += 1
            try:
                status, content_type, body = get(url)
            except urllib.error.HTTPError as e:
                failures.append(f"{url}: HTTP {e.code}")
                continue
            path = os.path.join(folder, f"{n:05d}.{kind}")
            with open(path, "wb") as f:
                f.write(body)
            files.append(path)
            if kind == "json":
                problem = check_json_feed(body)
                if problem:
                    failures.append(f"{url}: JSON Feed: {problem}")
                continue
            parsed = feedparser.parse(body, response_headers={"content-type": content_type})
            if parsed.bozo:
                failures.append(f"{url}: feedparser: {parsed.bozo_exception!r}")
            elif parsed.version not in ("rss20", "atom10"):
                failures.append(f"{url}: feedparser reads it as {parsed.version!r}")
        print(
            f"feeds: {len(pages)} listing pages, {len(feeds)} feeds "
            f"({kinds['rss']} RSS, {kinds['atom']} Atom, {kinds['json']} JSON Feed)"
        )
        print(f"feedparser {feedparser.__version__} and JSON checks: {len(failures)} failures")
        for failure in failures:
            print(f"FAIL {failure}")
        checked = subprocess.run([feedcheck, *files], capture_output=True, text=True)
        for line in checked.stdout.splitlines():
            if not line.startswith("ok "):
                print(line)
        if checked.returncode != 0:
            failures.append("feed-rs")
    if failures or not feeds:
        sys.exit(1)


if __name__ == "__main__":
    main()
