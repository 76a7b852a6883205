// The cluster check (run by .ci/cluster): reads and writes through Varnish
// in front of three Dateline nodes on one PostgreSQL database with media in
// S3, then kills nodes while readers read. Prints what it measured; exits
// non-zero on any failure.
//
// Env: PROXY (Varnish's URL), NODES (the nodes' ports, comma-separated, node
// 1 first), NODE_PIDS (their process ids, same order), ADMIN_LOGIN (an
// admin's address and password, one a line), DEMO_LOGIN (node 1's
// demo-login.txt: staff, reader, second reader; address and password each).

import { readFileSync } from "node:fs";
import http from "node:http";
import { deflateSync } from "node:zlib";
import { randomBytes } from "node:crypto";

const PROXY = process.env.PROXY;
const NODES = process.env.NODES.split(",").map((port) => `http://127.0.0.1:${port}`);
const PIDS = process.env.NODE_PIDS.split(",").map(Number);
const [ADMIN_EMAIL, ADMIN_PASSWORD] = readFileSync(process.env.ADMIN_LOGIN, "utf8").split("\n");
const demo = readFileSync(process.env.DEMO_LOGIN, "utf8").split("\n");
const READERS = [
    { email: demo[2], password: demo[3], name: "Demo Reader" },
    { email: demo[4], password: demo[5], name: "Second Reader" },
];

const failures = [];
function check(ok, what) {
    console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
    if (!ok) failures.push(what);
    return ok;
}
function fatal(what) {
    console.log(`FAIL ${what}`);
    console.log(`\ncluster check: ${failures.length + 1} failure(s)`);
    process.exit(1);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const alive = new Set(NODES.map((_, i) => i));

/// fetch without following redirects; `cookies` is a Map of name to value.
async function get(url, { cookies, headers = {}, method = "GET", body } = {}) {
    const h = { ...headers };
    if (cookies && cookies.size) h.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return fetch(url, { method, headers: h, body, redirect: "manual" });
}
function keepCookies(response, cookies) {
    for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const at = pair.indexOf("=");
        const name = pair.slice(0, at).trim();
        const value = pair.slice(at + 1).trim();
        if (value === "" || /max-age=0/i.test(line)) cookies.delete(name);
        else cookies.set(name, value);
    }
}
async function json(response, what) {
    const text = await response.text();
    if (!response.ok) fatal(`${what}: ${response.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
}
const xcache = (r) => r.headers.get("x-cache");

// --- An Admin API token, made as a person would on node 1's newsroom. ---
async function adminToken() {
    const cookies = new Map();
    const form = await get(`${NODES[0]}/newsroom/login`, { cookies });
    keepCookies(form, cookies);
    await form.text();
    const login = await get(`${NODES[0]}/newsroom/login`, {
        cookies,
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
            csrf_token: cookies.get("dateline_login") ?? "",
            email: ADMIN_EMAIL,
            password: ADMIN_PASSWORD,
            next: "/newsroom/",
        }),
    });
    keepCookies(login, cookies);
    if (login.status !== 303 || !cookies.has("dateline_session")) fatal(`newsroom login: ${login.status}`);
    const page = await (await get(`${NODES[0]}/newsroom/tokens`, { cookies })).text();
    const csrf = page.match(/name="csrf_token" value="([^"]+)"/)?.[1];
    if (!csrf) fatal("no CSRF token on /newsroom/tokens");
    const made = await get(`${NODES[0]}/api/v1/admin/tokens`, {
        cookies,
        method: "POST",
        headers: { "x-csrf-token": csrf, "content-type": "application/json" },
        body: JSON.stringify({
            name: "cluster-check",
            scopes: ["articles:read", "articles:write", "articles:publish", "media:read", "media:write", "audit:read"],
            expires_in_days: 1,
        }),
    });
    return (await json(made, "token creation")).secret;
}
const TOKEN = await adminToken();
const bearer = { authorization: `Bearer ${TOKEN}` };
async function api(base, path, { method = "GET", body, headers = {} } = {}) {
    const h = { ...bearer, ...headers };
    if (body !== undefined && !(body instanceof Uint8Array)) h["content-type"] = "application/json";
    const sent = body === undefined || body instanceof Uint8Array ? body : JSON.stringify(body);
    return json(await get(`${base}${path}`, { method, headers: h, body: sent }), `${method} ${path}`);
}

/// A request through the proxy from another loopback address (127.0.0.2),
/// so that the address a node records tells whether X-Forwarded-For was read.
function fromOtherAddress(url, { method, headers, body }) {
    return new Promise((resolve, reject) => {
        const request = http.request(url, { method, headers, localAddress: "127.0.0.2" }, (response) => {
            let text = "";
            response.setEncoding("utf8");
            response.on("data", (chunk) => (text += chunk));
            response.on("end", () => resolve({ status: response.statusCode, text }));
        });
        request.on("error", reject);
        request.end(body);
    });
}

// --- What the site has: an edition and one of its sections. ---
const editions = await json(await get(`${PROXY}/api/v1/editions`), "editions");
const edition = (editions.items ?? editions)[0].code;
const sections = await json(await get(`${PROXY}/api/v1/editions/${edition}/sections`), "sections");
const section = (sections.items ?? sections)[0].slug;
console.log(`edition ${edition}, section ${section}`);
const pages = [`/${edition}/`, `/${edition}/${section}/`, `/${edition}/newsfeed`];

// --- 1. A page is a miss, then a hit. ---
{
    const url = `${PROXY}/${edition}/${section}/`;
    const first = await get(url);
    await first.text();
    const second = await get(url);
    await second.text();
    check(first.status === 200 && xcache(first) === "MISS", `first read of ${pages[1]}: ${first.status} ${xcache(first)}`);
    check(
        second.status === 200 && xcache(second) === "HIT" && /^\d+ \d+$/.test(second.headers.get("x-varnish") ?? ""),
        `second read: ${xcache(second)}, X-Varnish ${second.headers.get("x-varnish")}, Age ${second.headers.get("age")}`,
    );
    check(
        /s-maxage=\d+/.test(second.headers.get("cache-control") ?? "") && (second.headers.get("surrogate-key") ?? "") !== "",
        `Cache-Control "${second.headers.get("cache-control")}", Surrogate-Key "${second.headers.get("surrogate-key")}"`,
    );
    check(second.headers.get("xkey") === null, "the xkey header stays inside Varnish");
    const purge = await get(`${PROXY}/`, { method: "PURGE", headers: { xkey: "nothing-has-this-key" } });
    check(purge.status === 200, `PURGE from loopback with an xkey header: ${purge.status}`);
    const stranger = await fromOtherAddress(`${PROXY}/`, { method: "PURGE", headers: { xkey: "site" } });
    check(stranger.status === 403, `PURGE from an address outside the ACL (127.0.0.2): ${stranger.status}`);
}

// --- A picture uploaded through node 1, for the story below. ---
function png(width, height) {
    const crcTable = Array.from({ length: 256 }, (_, n) => {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        return c >>> 0;
    });
    const crc = (bytes) => {
        let c = 0xffffffff;
        for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
        return (c ^ 0xffffffff) >>> 0;
    };
    const chunk = (type, data) => {
        const out = Buffer.alloc(12 + data.length);
        out.writeUInt32BE(data.length, 0);
        out.write(type, 4, "ascii");
        data.copy(out, 8);
        out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
        return out;
    };
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header.set([8, 2, 0, 0, 0], 8);
    const noise = randomBytes(width * height * 3);
    const rows = Buffer.alloc((width * 3 + 1) * height);
    for (let y = 0; y < height; y++) noise.copy(rows, y * (width * 3 + 1) + 1, y * width * 3, (y + 1) * width * 3);
    return Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        chunk("IHDR", header),
        chunk("IDAT", deflateSync(rows)),
        chunk("IEND", Buffer.alloc(0)),
    ]);
}
const picture = await api(NODES[0], "/api/v1/admin/media?filename=cluster.png", {
    method: "POST",
    headers: { "content-type": "application/octet-stream" },
    body: new Uint8Array(png(640, 400)),
});
console.log(`uploaded picture ${picture.id} through node 1`);

// --- SSE through the proxy: fetch + Last-Event-ID, as EventSource does. ---
class Stream {
    constructor(url) {
        this.url = url;
        this.lastId = "";
        this.seen = new Map(); // article id -> headline
        this.connections = [];
        this.errors = [];
        this.stopped = false;
        this.waiters = [];
        this.run();
    }
    async run() {
        while (!this.stopped) {
            const headers = { accept: "text/event-stream" };
            if (this.lastId) headers["last-event-id"] = this.lastId;
            try {
                this.abort = new AbortController();
                const response = await fetch(this.url, { headers, signal: this.abort.signal });
                const servedBy = response.headers.get("x-served-by");
                if (response.status !== 200) {
                    this.errors.push(`stream answered ${response.status}`);
                } else {
                    this.connections.push(servedBy);
                    this.notify();
                    await this.read(response.body);
                }
            } catch (err) {
                if (!this.stopped) this.errors.push(`stream request failed: ${err.cause?.code ?? err.message}`);
            }
            if (!this.stopped) await sleep(500);
        }
    }
    async read(body) {
        const decoder = new TextDecoder();
        let buffer = "";
        try {
            for await (const chunk of body) {
                buffer += decoder.decode(chunk, { stream: true });
                let end;
                while ((end = buffer.indexOf("\n\n")) >= 0) {
                    const event = buffer.slice(0, end);
                    buffer = buffer.slice(end + 2);
                    let id = "";
                    let data = "";
                    for (const line of event.split("\n")) {
                        if (line.startsWith("id:")) id = line.slice(3).trim();
                        else if (line.startsWith("data:")) data += line.slice(5).trim();
                    }
                    if (id) this.lastId = id;
                    if (data) {
                        const item = JSON.parse(data);
                        this.seen.set(item.id, item.headline);
                        this.notify();
                    }
                }
            }
        } catch {
            // The node went away mid-stream: EventSource reconnects, so do we.
        }
    }
    notify() {
        for (const w of this.waiters.splice(0)) w();
    }
    async until(test, ms) {
        const deadline = Date.now() + ms;
        while (!test()) {
            if (Date.now() > deadline) return false;
            await Promise.race([new Promise((r) => this.waiters.push(r)), sleep(200)]);
        }
        return true;
    }
    stop() {
        this.stopped = true;
        this.abort?.abort();
    }
}
const stream = new Stream(`${PROXY}/${edition}/newsfeed/live`);
check(await stream.until(() => stream.connections.length > 0, 10_000), `newsfeed stream open through the proxy (node ${stream.connections[0]})`);

// --- 2. Publish on node 1: the pages through Varnish show it at once. ---
async function story(headline, createdThrough) {
    const draft = {
        edition,
        section,
        headline,
        lead: "Written by the cluster check.",
        body: [{ type: "paragraph", text: "Three nodes, one database, one cache in front." }],
    };
    return createdThrough(draft);
}
for (const path of pages) {
    for (let i = 0; i < 2; i++) await (await get(`${PROXY}${path}`)).text();
}
const primed = await Promise.all(pages.map(async (p) => xcache(await get(`${PROXY}${p}`))));
check(primed.every((x) => x === "HIT"), `front, section and newsfeed pages cached before the publish: ${primed.join(", ")}`);
const headline = `Cluster check ${randomBytes(4).toString("hex")}`;
const created = await story(headline, async (draft) => {
    const answer = await fromOtherAddress(`${PROXY}/api/v1/admin/articles`, {
        method: "POST",
        headers: { ...bearer, "content-type": "application/json" },
        body: JSON.stringify({ ...draft, lead_media_id: picture.id }),
    });
    if (answer.status !== 201) fatal(`draft through the proxy: ${answer.status} ${answer.text.slice(0, 300)}`);
    return JSON.parse(answer.text);
});
const audit = await api(NODES[0], `/api/v1/admin/audit?item_type=article&item_id=${created.id}`);
const entry = audit.items.find((e) => e.action === "article.create");
check(entry?.ip === "127.0.0.2", `the node saw the reader's address through X-Forwarded-For: ${entry?.ip} (expected 127.0.0.2)`);
const publishedAt = Date.now();
await api(NODES[0], `/api/v1/admin/articles/${created.id}/status`, { method: "POST", body: { status: "published" } });
for (const path of pages) {
    let seen = null;
    let last;
    const deadline = Date.now() + 10_000;
    do {
        last = await get(`${PROXY}${path}`);
        if ((await last.text()).includes(headline)) {
            seen = Date.now() - publishedAt;
            break;
        }
        await sleep(100);
    } while (Date.now() < deadline);
    check(seen !== null, `${path} through Varnish shows the story ${seen ?? "never (10 s)"} ms after the publish (${xcache(last)}; Cache-Control "${last.headers.get("cache-control")}")`);
}
for (const [i, node] of NODES.entries()) {
    const text = await (await get(`${node}/${edition}/${section}/`)).text();
    check(text.includes(headline), `node ${i + 1} directly shows the story on ${pages[1]}`);
}
check(await stream.until(() => stream.seen.has(created.id), 10_000), `the newsfeed stream through the proxy received the story (${Date.now() - publishedAt} ms)`);

// --- 3. The picture uploaded through node 1 is served by node 2 (S3). ---
let file = null;
const renderDeadline = Date.now() + 90_000;
while (Date.now() < renderDeadline) {
    const asset = await api(NODES[0], `/api/v1/admin/media/${picture.id}`);
    if (asset.url && asset.public) {
        file = new URL(asset.url, PROXY).pathname;
        break;
    }
    await sleep(500);
}
if (check(file !== null, `picture ${picture.id} rendered and public: ${file}`)) {
    for (const [i, base] of [[1, NODES[1]], [2, NODES[2]], ["proxy", PROXY]]) {
        const answer = await get(`${base}${file}`);
        const bytes = new Uint8Array(await answer.arrayBuffer());
        check(
            answer.status === 200 && /^image\//.test(answer.headers.get("content-type") ?? "") && bytes.length > 100,
            `${typeof i === "number" ? `node ${i + 1}` : i} serves ${file}: ${answer.status} ${answer.headers.get("content-type")} ${bytes.length} bytes`,
        );
    }
}

// --- 4. Signed-in readers are never served from the cache. ---
async function signIn(reader) {
    const cookies = new Map();
    const form = await get(`${PROXY}/account/login`, { cookies });
    keepCookies(form, cookies);
    const csrf = (await form.text()).match(/name="csrf_token" value="([^"]+)"/)?.[1];
    const answer = await get(`${PROXY}/account/login`, {
        cookies,
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: reader.email, password: reader.password, csrf_token: csrf ?? "" }),
    });
    keepCookies(answer, cookies);
    await answer.text();
    if (answer.status !== 303 || !cookies.has("dateline_reader")) fatal(`reader sign-in through the proxy: ${answer.status}`);
    return cookies;
}
const jars = [await signIn(READERS[0]), await signIn(READERS[1])];
for (let round = 0; round < 2; round++) {
    for (const [i, cookies] of jars.entries()) {
        const answer = await get(`${PROXY}/account/me`, { cookies });
        const me = await answer.json();
        check(
            me.display_name === READERS[i].name && xcache(answer) === "PASS",
            `reader ${i + 1}, round ${round + 1}: /account/me says ${me.display_name} (${xcache(answer)})`,
        );
        const page = await get(`${PROXY}/account/`, { cookies });
        const text = await page.text();
        check(
            page.status === 200 && text.includes(READERS[i].name) && !text.includes(READERS[1 - i].name),
            `reader ${i + 1}: /account/ shows only their own name (${xcache(page)})`,
        );
    }
}
const anonymous = await (await get(`${PROXY}/account/me`)).json();
check(anonymous.signed_in === false, "/account/me without a cookie: signed out");
const signedFront = await get(`${PROXY}/${edition}/`, { cookies: jars[0] });
await signedFront.text();
check(xcache(signedFront) === "PASS", `the cached front page, asked with a reader's session: ${xcache(signedFront)}`);

// --- 5. Nodes die while readers read: no reader sees an error. ---
const paths = [...pages, `/${edition}/${section}/${created.slug}`, "/account/me"];
const load = { requests: 0, errors: [], byNode: new Map(), stop: false };
async function reader(n) {
    let i = n;
    while (!load.stop) {
        i += 1;
        // A fresh query string every few requests: those miss and reach a node.
        const path = paths[i % paths.length] + (i % 3 === 0 ? `?r=${n}-${i}` : "");
        try {
            const answer = await get(`${PROXY}${path}`);
            const text = await answer.text();
            load.requests += 1;
            const by = answer.headers.get("x-served-by") ?? "?";
            load.byNode.set(by, (load.byNode.get(by) ?? 0) + 1);
            const complete = path.startsWith("/account") ? text.startsWith("{") : text.includes("</html>");
            if (answer.status !== 200 || !complete) load.errors.push(`${answer.status} ${path}${complete ? "" : " (cut short)"}`);
        } catch (err) {
            load.errors.push(`failed ${path}: ${err.cause?.code ?? err.message}`);
        }
    }
}
const readers = [0, 1, 2, 3].map(reader);
function nodeOf(name) {
    return Number((name ?? "").replace(/^node/, "")) - 1;
}
async function killStreamNode(signal) {
    const before = stream.connections.length;
    const target = nodeOf(stream.connections.at(-1));
    if (!alive.has(target)) fatal(`the stream's node is unknown: ${stream.connections.at(-1)}`);
    await sleep(1500);
    const requestsBefore = load.requests;
    process.kill(PIDS[target], signal);
    alive.delete(target);
    const reconnected = await stream.until(() => stream.connections.length > before, 15_000);
    check(reconnected, `${signal} node ${target + 1} (serving the stream): the stream reconnected to ${stream.connections.at(-1)}`);
    await sleep(3000);
    const survivor = [...alive][0];
    const next = `Cluster check after ${signal} ${randomBytes(4).toString("hex")}`;
    const made = await story(next, (draft) => api(NODES[survivor], "/api/v1/admin/articles", { method: "POST", body: draft }));
    await api(NODES[survivor], `/api/v1/admin/articles/${made.id}/status`, { method: "POST", body: { status: "published" } });
    check(
        await stream.until(() => stream.seen.has(made.id), 10_000),
        `the resumed stream received the story published on node ${survivor + 1} after the ${signal}`,
    );
    console.log(`     reads during the ${signal}: ${load.requests - requestsBefore}`);
}
await sleep(1000);
await killStreamNode("SIGKILL");
await killStreamNode("SIGTERM");
load.stop = true;
await Promise.all(readers);
stream.stop();
console.log(`     reads in all: ${load.requests}; by node: ${[...load.byNode].map(([k, v]) => `${k} ${v}`).join(", ")}`);
check(load.errors.length === 0, `reader errors while nodes died: ${load.errors.length}${load.errors.length ? ` (${[...new Set(load.errors)].slice(0, 5).join("; ")})` : ""}`);
check(stream.errors.length === 0, `stream errors: ${stream.errors.length}${stream.errors.length ? ` (${stream.errors.slice(0, 3).join("; ")})` : ""}`);
console.log(`     stream connections: ${stream.connections.join(" -> ")}`);

if (failures.length) {
    console.log(`\ncluster check: ${failures.length} failure(s)`);
    process.exit(1);
}
console.log("\ncluster check: all passed");
