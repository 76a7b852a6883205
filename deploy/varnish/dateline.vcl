vcl 4.1;
# Varnish in front of Dateline nodes: a shared cache of reader pages,
# purged by surrogate key (vmod xkey) when a node's writes change them.
#
# The nodes and the addresses allowed to purge live in
# `dateline-backends.vcl` (see `dateline-backends.vcl.example` beside this
# file), found on varnishd's `vcl_path`:
#
#   varnishd -a :80 -f /etc/varnish/dateline.vcl -p vcl_path=/etc/varnish \
#       -s malloc,1g
#
# Every node runs with `cdn_purge_url` = this Varnish, `trusted_proxies` =
# its address, and `base_url` = the address readers use. OPERATIONS.md
# ("A cluster") has the whole recipe; `.ci/cluster` runs it.

import directors;
import std;
import xkey;

# A node is healthy while /readyz answers 200: it answers 503 when the
# database is unreachable and while the node drains before stopping.
probe dateline_ready {
    .request = "GET /readyz HTTP/1.1"
               "Host: dateline-probe"
               "User-Agent: varnish-probe"
               "Connection: close";
    .interval = 1s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

sub vcl_init {
    new nodes = directors.round_robin();
}

# Defines the backends (each with `.probe = dateline_ready;`), adds them to
# `nodes` in its own `sub vcl_init` (Varnish runs both, this one first),
# and defines the `dateline_purgers` ACL.
include "dateline-backends.vcl";

sub vcl_recv {
    set req.backend_hint = nodes.backend();
    # Varnish is the edge: what a client claims is replaced by what it is.
    # (Behind a TLS terminator speaking the PROXY protocol, client.ip is the
    # reader's address.) Nodes trust this header from `trusted_proxies` only.
    set req.http.X-Forwarded-For = client.ip;

    # Dateline's purge hook: `PURGE {cdn_purge_url}` with the keys, space
    # separated, in `xkey` (and `Surrogate-Key` for CDNs that read that).
    if (req.method == "PURGE") {
        if (client.ip !~ dateline_purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey) {
            return (synth(400, "No xkey header"));
        }
        # A hard purge: the next reader gets the changed page, never the old
        # one in grace.
        set req.http.X-Purged = xkey.purge(req.http.xkey);
        return (synth(200, "Purged " + req.http.X-Purged));
    }

    # Chat sockets: piped both ways for as long as they stay open.
    if (req.http.Upgrade ~ "(?i)websocket") {
        return (pipe);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Live streams (newsfeed and live coverage): never cached, passed on as
    # they come (`do_stream`, below).
    if (req.url ~ "^/[^/?]+/newsfeed/live(\?|$)" ||
        req.url ~ "^/[^/?]+/[^/?]+/[^/?]+/live(\?|$)") {
        set req.http.X-Dateline-Stream = "1";
        return (pass);
    }
    # Staff with a bearer token, signed-in readers and staff, and anyone in
    # the middle of a sign-in form are never served from, nor stored in,
    # the cache.
    if (req.http.Authorization ||
        req.http.Cookie ~ "(^|;)\s*(__Host-)?dateline_(session|login|reader|reader_form)=[^;]") {
        return (pass);
    }
    # Every other cookie is read by page scripts only (`dateline_notice`,
    # `dateline_signed_in`, analytics): the pages are the same for everyone.
    unset req.http.Cookie;
    return (hash);
}

# The default vcl_hash: the URL and the Host header. Pages vary only on
# Accept-Encoding, which Varnish handles itself (gzip).

sub vcl_pipe {
    if (req.http.Upgrade) {
        set bereq.http.Upgrade = req.http.Upgrade;
        set bereq.http.Connection = req.http.Connection;
    }
}

sub vcl_backend_fetch {
    # A retry (below) resolves the director again: the next healthy node.
    set bereq.backend = nodes.backend();
    if (bereq.http.X-Dateline-Stream) {
        # Streams send a comment line every 20 seconds.
        set bereq.between_bytes_timeout = 60s;
    }
}

sub vcl_backend_response {
    # Which node answered (kept with a cached page: the one that rendered it).
    set beresp.http.X-Served-By = beresp.backend.name;
    # A node that is stopping or lost its database: a reader's GET goes to
    # another node instead of getting the error.
    if (beresp.status >= 502 && beresp.status <= 504 &&
        bereq.method ~ "^(GET|HEAD)$" && bereq.retries < 3) {
        return (retry);
    }
    if (bereq.http.X-Dateline-Stream || beresp.http.Content-Type ~ "^text/event-stream") {
        set beresp.do_stream = true;
        set beresp.do_gzip = false;
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    # Kept only when Dateline said so: a public answer with a lifetime, no
    # cookie set. Everything else (newsroom, account pages, APIs, errors) is
    # passed, and remembered as such for two minutes.
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie ||
        beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)" ||
        beresp.http.Cache-Control !~ "(?i)(s-maxage|max-age)=[1-9]" ||
        beresp.http.Vary == "*") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # beresp.ttl is already s-maxage (else max-age). stale-while-revalidate
    # becomes grace: an expired page is served while it is fetched again.
    if (beresp.http.Cache-Control ~ "(?i)stale-while-revalidate=\d+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control,
                   "(?i)^.*stale-while-revalidate=(\d+).*$", "\1s"), 0s);
    } else {
        set beresp.grace = 0s;
    }
    # The keys a purge names: Dateline's `Surrogate-Key`, as xkey reads them.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    return (deliver);
}

sub vcl_backend_error {
    # The node went away (refused, reset, timed out) before answering: try
    # the next one. Only for requests that may be repeated.
    if (bereq.method ~ "^(GET|HEAD)$" && bereq.retries < 3) {
        return (retry);
    }
}

sub vcl_deliver {
    # Dateline's own `X-Cache` says whether the node's page cache answered.
    if (resp.http.X-Cache) {
        set resp.http.X-Dateline-Cache = resp.http.X-Cache;
    }
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.xkey;
}
