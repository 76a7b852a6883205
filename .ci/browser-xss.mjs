// The XSS corpus (issue 14, "Keep proving it"): every payload of
// xss-corpus.mjs goes through every text field a person can fill in, by
// the way a person would (the Admin API with an admin's session, the
// newsroom's forms, the article editor's markup with its script on, the
// live desk, the registration, profile, comment, report and chat forms of
// readers), on a demo site of its own; then headless Chromium opens every
// page that shows those fields and fails on any sign of injection: a
// `__xss()` call, an element carrying `data-xss`, an inline event handler
// or script, a javascript:/data: address, a frame, a link that leaves the
// site from a path, a Content-Security-Policy violation, a dialog, a
// request to the payloads' host, text a template engine or Fluent
// evaluated, a console error, or a 5xx anywhere. Feeds and sitemaps must
// stay well-formed XML and the Content API JSON; the site's mails are
// opened as pages too. Control characters must be refused (4xx), never
// kept, never a 5xx; a text one character over a field's cap is refused.
// Each page must also show the markers of the fields it displays, so a
// page that stopped showing them fails too. Saves no HTML (payload pages
// are not for the Nu checker); prints the fields with what each kept and
// refused, and the pages, checks and time.
//
// Env: NODE_DIR, BASE, OUT, LOGIN_FILE (an admin: address and password on
// two lines), DEMO_LOGIN_FILE (the demo's logins: staff, then two readers),
// SMTP_PORT (where the site sends its mail).
import { startSmtpSink } from './smtp-sink.mjs';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PAYLOADS, EVALUATED } from './xss-corpus.mjs';

const require = createRequire(path.join(process.env.NODE_DIR, 'node_modules', 'x.js'));
const { chromium } = require('playwright-core');

const BASE = process.env.BASE;
const [ADMIN_EMAIL, ADMIN_PASSWORD] = readFileSync(process.env.LOGIN_FILE, 'utf8').trim().split('\n');
const demo = readFileSync(process.env.DEMO_LOGIN_FILE, 'utf8').trim().split('\n');
const DEMO_READERS = [{ email: demo[2], password: demo[3] }, { email: demo[4], password: demo[5] }];
const SMTP_PORT = Number(process.env.SMTP_PORT);
const started = Date.now();
// Names made here carry the run's stamp, so that the script can run again on one site.
const RUN = started.toString(36);

const problems = [];
const problem = (what) => { problems.push(what); console.log(`FAIL ${what}`); };
function check(ok, what) { if (!ok) throw new Error(`check failed: ${what}`); }
const step = (what) => console.log(`step ${what} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

// ---- the corpus × fields -------------------------------------------------

// Field codes make the second half of each marker (`xs07hd`: payload 7 in
// a headline); `cap` is the field's limit in characters, where it has one.
const FIELDS = {
  hd: { label: 'article headline', cap: 200 },
  ld: { label: 'article lead', cap: 600 },
  pa: { label: 'paragraph with bold and italic' },
  pl: { label: 'paragraph link (text and address)' },
  hg: { label: 'heading' },
  qt: { label: 'quote' },
  qa: { label: 'quote attribution' },
  li: { label: 'list item' },
  ic: { label: 'picture block caption' },
  et: { label: 'embed title' },
  eu: { label: 'embed address' },
  tg: { label: 'tag' },
  co: { label: 'correction note', cap: 1000 },
  mk: { label: "paragraph in the editor's markup (form)" },
  an: { label: 'author name', cap: 120 },
  ab: { label: 'author biography', cap: 2000 },
  al: { label: 'author link', cap: 500 },
  cp: { label: 'picture caption' },
  at: { label: 'picture alt text' },
  cr: { label: 'picture credit' },
  cy: { label: 'picture copyright' },
  so: { label: 'picture source' },
  ct: { label: 'picture creator' },
  kw: { label: 'picture keyword' },
  st: { label: 'section title' },
  sd: { label: 'section description' },
  en: { label: 'edition name (en)' },
  ru: { label: 'edition name (ru)' },
  un: { label: 'staff display name' },
  ad: { label: "admin's own display name" },
  tk: { label: 'API token name' },
  rt: { label: 'chat room title', cap: 120 },
  rd: { label: 'chat room description', cap: 500 },
  lv: { label: 'live-coverage entry', cap: 4000 },
  // Kept as its words (letters and digits) only: nothing else to refuse.
  mw: { label: 'moderation word', cap: 80, cleans: true },
  rg: { label: 'reader display name (registration)', cap: 60 },
  dn: { label: 'reader display name (profile)', cap: 60 },
  cm: { label: 'comment', cap: 4000 },
  rn: { label: 'report note', cap: 500 },
  rj: { label: 'rejection reason', cap: 500 },
  ch: { label: 'chat message', cap: 1000 },
};
const marker = (i, code) => `xs${String(i).padStart(2, '0')}${code}`;
const payloadOf = (m) => PAYLOADS[Number(m.slice(2, 4))];
const fieldOf = (m) => FIELDS[m.slice(4)];
// The payload's text for field `code`, or null when it does not apply
// (a long text where the field has no cap).
function text(i, code) {
  const p = PAYLOADS[i];
  if (p.kind === 'long') return FIELDS[code].cap ? p.make(marker(i, code), FIELDS[code].cap) : null;
  return p.make(marker(i, code));
}
const mustRefuse = (i) => PAYLOADS[i].kind === 'control' || PAYLOADS[i].refused === true;
// Payloads a person could mean: neither a control character nor over a cap.
const plain = (i) => !mustRefuse(i) && PAYLOADS[i].kind !== 'long';
// For fields that are addresses: the payload itself when it is one, else
// inside an https address (percent-encoded, but for control characters and
// length, which the field must refuse as they are).
function address(i, code) {
  const p = PAYLOADS[i];
  if (p.kind === 'url') return text(i, code);
  if (p.kind === 'control') return `https://example.org/${text(i, code)}`;
  if (p.kind === 'long') return `https://example.org/${text(i, code).slice('https://example.org/'.length)}`;
  return `https://example.org/${encodeURIComponent(text(i, code))}`;
}
const stats = Object.fromEntries(Object.keys(FIELDS).map((c) => [c, { kept: 0, refused: 0 }]));
const accepted = new Set(); // markers the site kept

// Records one write of payload `i` into field `code`; `status` is the HTTP
// answer. A 5xx, a control character kept or a text over its cap kept is
// a problem.
function wrote(i, code, status, detail = '') {
  const m = marker(i, code);
  const ok = status >= 200 && status < 400;
  if (status >= 500 || status === 0) problem(`${FIELDS[code].label} ← ${PAYLOADS[i].key}: HTTP ${status} ${detail}`);
  if (ok && mustRefuse(i) && !FIELDS[code].cleans) problem(`${FIELDS[code].label} kept ${PAYLOADS[i].key} (HTTP ${status}): it must be refused`);
  if (ok) { stats[code].kept += 1; accepted.add(m); } else stats[code].refused += 1;
  return ok;
}
// Indexes of the payloads whose text for `code` applies.
const each = (code) => PAYLOADS.map((_, i) => i).filter((i) => text(i, code) !== null);
// Markers of `codes` kept for payload `i` (what a page about record i must show).
const kept = (i, codes) => codes.map((c) => marker(i, c)).filter((m) => accepted.has(m) && (!mustRefuse(i) || fieldOf(m).cleans));
const keptOf = (code) => [...accepted].filter((m) => m.endsWith(code) && kept(Number(m.slice(2, 4)), [code]).length);

// Links in a text as the comment and chat rules count them.
const countLinks = (t) => {
  const l = t.toLowerCase();
  return ['http://', 'https://', 'www.'].reduce((n, p) => n + l.split(p).length - 1, 0) - (l.split('://www.').length - 1);
};
// The plain payload texts of `code` packed into messages of at most `max`
// characters and two links; `ids` are the payloads in each.
function pack(code, max) {
  const out = [];
  let cur = [];
  for (const i of each(code).filter(plain)) {
    const joined = [...cur, i].map((j) => text(j, code)).join('\n\n');
    if (cur.length && (joined.length > max || countLinks(joined) > 2)) { out.push(cur); cur = []; }
    cur.push(i);
  }
  if (cur.length) out.push(cur);
  return out.map((ids) => ({ ids, body: ids.map((j) => text(j, code)).join('\n\n') }));
}

// ---- mail: a loopback SMTP listener (smtp-sink.mjs) keeping every message

const mail = await startSmtpSink(SMTP_PORT);
const { inbox } = mail;
const mailFor = (address, test) => mail.waitFor(address, 'the mail expected', test);

// ---- the browser and what it watches -------------------------------------

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// What a page reported since its last scan (`page.seen`): `__xss` calls,
// dialogs, page errors, console errors, 5xx answers, requests to the
// payloads' host. `page.refused` holds addresses answered 4xx on purpose
// (a refused form shown again, a page asked for with its status): the
// console reports their load as an error, and their status is checked
// where they are asked for (`visit`, `wrote`).
function watch(page, who) {
  page.seen = [];
  page.refused = new Set();
  page.who = who;
  page.on('dialog', (d) => { page.seen.push(`dialog (${d.type()}): ${d.message()}`); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => page.seen.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const t = m.text();
    if (/status of 4\d\d/.test(t) && page.refused.has(m.location().url)) return;
    // The pictures whose texts the check changed are drawn again under new
    // addresses while it visits pages; once the new files are recorded, an
    // address a page was given a moment before answers 404. Not an
    // injection: other checks look at pictures.
    if (/status of 404/.test(t) && /^\/media\//.test(new URL(m.location().url || BASE, BASE).pathname)) return;
    page.seen.push(`console: ${t}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 500) page.seen.push(`HTTP ${r.status()} for ${r.url()}`);
    else if (r.status() >= 400 && r.request().isNavigationRequest()) page.refused.add(r.url());
  });
  page.on('request', (r) => {
    const host = (() => { try { return new URL(r.url()).hostname; } catch { return ''; } })();
    if (host.endsWith('xss.test')) page.seen.push(`request to ${r.url()}`);
  });
  return page;
}

async function newContext() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  // Before any of the page's own scripts; through the DevTools protocol, so
  // the page's policy (no inline scripts) stays as it is.
  await context.exposeBinding('__xssHit', ({ page }, id) => { if (page && page.seen) page.seen.push(`__xss('${id}') ran`); });
  await context.addInitScript(() => {
    window.__xss = (id) => window.__xssHit(String(id));
    window.__xssViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__xssViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}${e.sample ? `: ${e.sample}` : ''}`);
    });
  });
  return context;
}
const newPage = async (who) => watch(await (await newContext()).newPage(), who);

// Everything in the live DOM that only an injection could have made (run
// in the page).
function scanDom(evaluated) {
  const found = [];
  const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'background', 'ping', 'cite'];
  const FOREIGN = ['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal', 'math', 'svg'];
  const describe = (el) => `<${el.localName}${el.id ? `#${el.id}` : ''}> in ${el.parentElement ? el.parentElement.localName : '-'}`;
  for (const el of document.querySelectorAll('*')) {
    if (el.hasAttribute('data-xss')) found.push(`injected element ${describe(el)} data-xss=${el.getAttribute('data-xss')}`);
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      if (n.startsWith('on')) found.push(`inline handler ${n}="${a.value.slice(0, 60)}" on ${describe(el)}`);
      if (n === 'srcdoc') found.push(`srcdoc on ${describe(el)}`);
      if (!URL_ATTRS.includes(n)) continue;
      const v = a.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
      if (/^(javascript|vbscript|data):/.test(v)) found.push(`${n}="${a.value.slice(0, 60)}" on ${describe(el)}`);
      try {
        if (new URL(a.value, document.baseURI).hostname.endsWith('evil.xss.test')) found.push(`${n}="${a.value.slice(0, 60)}" leaves the site from ${describe(el)}`);
      } catch { /* not an address */ }
    }
    if (FOREIGN.includes(el.localName)) found.push(`foreign element ${describe(el)}`);
    if (el.localName === 'meta' && el.hasAttribute('http-equiv')) found.push('meta http-equiv on the page');
    if (el.localName === 'script' && !el.src && el.type !== 'application/ld+json') found.push(`inline script ${describe(el)}`);
  }
  const ld = document.querySelectorAll('script[type="application/ld+json"]');
  if (ld.length > 1) found.push(`${ld.length} JSON-LD scripts`);
  ld.forEach((s) => { try { JSON.parse(s.textContent); } catch (e) { found.push(`JSON-LD does not parse: ${e.message}`); } });
  const all = document.documentElement.textContent;
  evaluated.forEach((e) => { if (all.includes(e)) found.push(`evaluated template or Fluent text "${e}" on the page`); });
  (window.__xssViolations || []).forEach((v) => found.push(`CSP violation: ${v}`));
  return found;
}

let visits = 0;
let markerChecks = 0;
// Scans what `page` shows now: injections, reports, and the markers it must show.
async function scan(page, name, expect = []) {
  await page.waitForTimeout(30); // let violation events arrive
  const found = await page.evaluate(scanDom, EVALUATED);
  // Marks may cut a marker in the markup: its text counts too.
  const [html, shown] = await page.evaluate(() => [document.documentElement.outerHTML, document.documentElement.textContent]);
  for (const m of expect) {
    markerChecks += 1;
    if (!html.includes(m) && !shown.includes(m)) found.push(`does not show ${m} (${fieldOf(m).label} ← ${payloadOf(m).key})`);
  }
  found.push(...page.seen);
  page.seen = [];
  visits += 1;
  found.forEach((f) => problem(`${name} (${page.who}): ${f}`));
}

// Opens `url` and scans it.
async function visit(page, name, url, expect = [], status = 200) {
  const res = await page.goto(BASE + url, { waitUntil: 'load' });
  const got = res ? res.status() : 0;
  if (got !== status) page.seen.push(`HTTP ${got}, expected ${status}`);
  await scan(page, `${name} ${url}`, expect);
}

// ---- ways in -------------------------------------------------------------

// The Admin API with the page's session and its CSRF token.
function adminApi(page, csrf) {
  return async (method, url, data) => {
    const res = await page.request.fetch(BASE + url, {
      method, data, failOnStatusCode: false, maxRedirects: 0,
      headers: { 'X-CSRF-Token': csrf, ...(data === undefined ? {} : { 'Content-Type': 'application/json' }) },
    });
    let json = null;
    try { json = await res.json(); } catch { /* not JSON */ }
    return { status: res.status(), json };
  };
}

// A form post with the page's cookies; redirects are not followed.
async function postForm(page, url, form) {
  return (await page.request.post(BASE + url, { form, failOnStatusCode: false, maxRedirects: 0 })).status();
}

// Posts the form `selector` shown in `page` as the browser would (its
// fields, the page's cookies), with `changes`; returns the status. For the
// refusals no one needs to see again (one of each kind is sent by hand).
async function postFormOf(page, selector, changes) {
  const form = await page.evaluate((sel) => {
    const f = document.querySelector(sel);
    return f && { action: f.action, fields: [...new FormData(f)].filter(([, v]) => typeof v === 'string') };
  }, selector);
  check(form, `a form ${selector} on ${page.url()}`);
  const res = await page.request.post(form.action, { form: { ...Object.fromEntries(form.fields), ...changes }, failOnStatusCode: false, maxRedirects: 0 });
  return res.status();
}

// Sends a form in `page` by `action` (a promise that submits it) and waits
// for what the browser shows next: after a redirect the page it leads to,
// else the answer itself (a refusal shows the form again). Returns the
// status of the POST.
// Waits for the page the form's answer leads to: the `load` of the next
// document (the answer itself, or where its redirect points, which may be
// the very address the form was on, so waiting for a URL could return
// before the navigation and let the next look at the page race it).
async function submitAndWait(page, action) {
  const loaded = page.waitForEvent('load');
  const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()), action]);
  await loaded;
  return res.status();
}

async function staffLogin(page, email, password) {
  await page.goto(`${BASE}/newsroom/login`);
  await page.getByLabel(/e-mail/i).fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL(`${BASE}/newsroom/`), page.getByRole('button', { name: /log in/i }).click()]);
}

async function readerLogin(page, who) {
  await page.goto(`${BASE}/account/login?edition=en`);
  await page.getByLabel('E-mail address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/account/login')), page.getByRole('button', { name: 'Log in' }).click()]);
}

// ---- the run --------------------------------------------------------------

const N = PAYLOADS.length;
const rec = { articles: [], ruArticles: [], authors: [], assets: [], sections: [], rooms: [] };
let mails = 0;
try {
  const desk = await newPage('admin');
  step('the admin logs in');
  await staffLogin(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
  const csrf = await desk.locator('input[name=csrf_token]').first().getAttribute('value');
  const api = adminApi(desk, csrf);
  const editions = (await api('GET', '/api/v1/admin/editions')).json.items;
  check(['en', 'ru'].every((c) => editions.some((e) => e.code === c)), 'the demo has the en and ru editions');
  // Edition ids, as the Admin API's articles give them.
  const editionId = async (code) => (await api('GET', `/api/v1/admin/articles?edition=${code}&limit=1`)).json.items[0].edition_id;
  const en = { code: 'en', id: await editionId('en') };
  const ru = { code: 'ru', id: await editionId('ru') };
  const me = (await api('GET', '/api/v1/admin/users')).json.items.find((u) => u.email === ADMIN_EMAIL);
  const assets = (await api('GET', '/api/v1/admin/media?limit=100')).json.items.filter((a) => a.edition);
  check(assets.length >= N, `the demo has ${N} pictures to describe (${assets.length})`);

  step(`sections, authors, pictures, staff and tokens: one per payload (${N})`);
  for (let i = 0; i < N; i++) {
    const slug = `xss-s${i}-${RUN}`;
    let r = await api('POST', '/api/v1/admin/editions/en/sections', { slug, title: `XSS section ${i}`, description: '' });
    check(r.status === 201, `section ${slug} is made (HTTP ${r.status} ${JSON.stringify(r.json)})`);
    rec.sections[i] = slug;
    for (const [code, key] of [['st', 'title'], ['sd', 'description']]) {
      r = await api('PATCH', `/api/v1/admin/editions/en/sections/${slug}`, { [key]: text(i, code) ?? `Section ${i}` });
      if (text(i, code) !== null) wrote(i, code, r.status);
    }

    r = await api('POST', '/api/v1/admin/authors', { slug: `xss-a${i}-${RUN}`, name: `XSS author ${i}`, edition_ids: [en.id, ru.id] });
    check(r.status === 201, `author ${i} is made (HTTP ${r.status} ${JSON.stringify(r.json)})`);
    rec.authors[i] = r.json;
    for (const [code, key] of [['an', 'name'], ['ab', 'bio']]) {
      if (text(i, code) !== null) wrote(i, code, (await api('PATCH', `/api/v1/admin/authors/${r.json.id}`, { [key]: text(i, code) })).status);
    }
    if (text(i, 'al') !== null) wrote(i, 'al', (await api('PATCH', `/api/v1/admin/authors/${r.json.id}`, { links: [address(i, 'al')] })).status);

    const asset = assets[i];
    rec.assets[i] = asset;
    for (const [code, key] of [['cp', 'caption'], ['at', 'alt_text'], ['cr', 'credit'], ['cy', 'copyright'], ['so', 'source'], ['ct', 'creator']]) {
      if (text(i, code) !== null) wrote(i, code, (await api('PATCH', `/api/v1/admin/media/${asset.id}`, { [key]: text(i, code) })).status);
    }
    if (text(i, 'kw') !== null) wrote(i, 'kw', (await api('PATCH', `/api/v1/admin/media/${asset.id}`, { keywords: [text(i, 'kw')] })).status);
    r = await api('PUT', `/api/v1/admin/media/${asset.id}/release`);
    check(r.status < 300, `picture ${asset.id} is released (HTTP ${r.status})`);

    if (text(i, 'un') !== null) {
      wrote(i, 'un', (await api('POST', '/api/v1/admin/users', { email: `xss-${i}-${RUN}@staff.test`, role: 'author', display_name: text(i, 'un'), password: `xss staff password ${i}`, editions: [en.id] })).status);
    }
    if (text(i, 'tk') !== null) wrote(i, 'tk', (await api('POST', '/api/v1/admin/tokens', { name: text(i, 'tk'), scopes: ['articles:read'], expires_in_days: 30 })).status);
  }

  step("edition names and the admin's own name: each payload, then all at once");
  const together = (code) => each(code).filter(plain).map((i) => text(i, code)).join(' · ');
  for (const [code, url, key] of [['en', '/api/v1/admin/editions/en', 'name'], ['ru', '/api/v1/admin/editions/ru', 'name'], ['ad', `/api/v1/admin/users/${me.id}`, 'display_name']]) {
    for (const i of each(code)) wrote(i, code, (await api('PATCH', url, { [key]: text(i, code) })).status);
    const r = await api('PATCH', url, { [key]: together(code) });
    check(r.status === 200, `${FIELDS[code].label}: all payloads at once are kept (HTTP ${r.status})`);
  }

  step(`articles: ${N} in English with the payload in every field, published, corrected; one in Russian per plain payload`);
  for (let i = 0; i < N; i++) {
    const section = rec.sections[i];
    let r = await api('POST', '/api/v1/admin/articles', { edition: 'en', section, headline: `XSS probe ${i}`, author_ids: [rec.authors[i].id], lead_media_id: rec.assets[i].id });
    check(r.status === 201, `article ${i} is made (HTTP ${r.status} ${JSON.stringify(r.json)})`);
    let article = r.json;
    const patch = async (body, code) => {
      const res = await api('PATCH', `/api/v1/admin/articles/${article.id}`, { version: article.version, ...body });
      if (res.status === 200) article = res.json;
      return wrote(i, code, res.status, JSON.stringify(res.json?.error || ''));
    };
    const t = (code) => text(i, code);
    if (t('hd') !== null) await patch({ headline: t('hd') }, 'hd');
    if (t('ld') !== null) await patch({ lead: t('ld') }, 'ld');
    if (t('tg') !== null) await patch({ tags: [t('tg')] }, 'tg');
    const body = [];
    const block = async (b, code) => { if (await patch({ body: [...body, b] }, code)) body.push(b); };
    const chars = (s) => [...s].length;
    if (t('pa') !== null) {
      const n = chars(t('pa'));
      await block({ type: 'paragraph', text: t('pa'), marks: [{ type: 'bold', start: 0, end: Math.ceil(n / 2) }, { type: 'italic', start: Math.floor(n / 3), end: n }] }, 'pa');
    }
    if (t('pl') !== null) {
      const href = ['url', 'control'].includes(PAYLOADS[i].kind) ? address(i, 'pl') : `https://example.org/${marker(i, 'pl')}`;
      await block({ type: 'paragraph', text: t('pl'), marks: [{ type: 'link', start: 0, end: chars(t('pl')), href }] }, 'pl');
    }
    if (t('hg') !== null) await block({ type: 'heading', level: 2, text: t('hg') }, 'hg');
    if (t('qt') !== null) await block({ type: 'quote', text: t('qt'), attribution: 'the probe said' }, 'qt');
    if (t('qa') !== null) await block({ type: 'quote', text: `Quoted ${marker(i, 'qa')}`, attribution: t('qa') }, 'qa');
    if (t('li') !== null) await block({ type: 'list', ordered: i % 2 === 1, items: [{ text: t('li') }, { text: `second ${marker(i, 'li')}` }] }, 'li');
    if (t('ic') !== null) await block({ type: 'image', media_id: rec.assets[(i + 1) % N].id, caption: t('ic') }, 'ic');
    if (t('et') !== null) await block({ type: 'embed', url: `https://example.org/embed/${marker(i, 'et')}`, title: t('et') }, 'et');
    if (t('eu') !== null) await block({ type: 'embed', url: address(i, 'eu'), title: `Embed ${marker(i, 'eu')}` }, 'eu');
    if (i > 0) {
      const res = await api('PATCH', `/api/v1/admin/articles/${article.id}`, { version: article.version, body: [...body, { type: 'related', article_id: rec.articles[i - 1].id }] });
      check(res.status === 200, `article ${i} takes a related card (HTTP ${res.status})`);
    }
    r = await api('POST', `/api/v1/admin/articles/${article.id}/status`, { status: 'published' });
    check(r.status === 200, `article ${i} is published (HTTP ${r.status} ${JSON.stringify(r.json)})`);
    if (t('co') !== null) wrote(i, 'co', (await api('POST', `/api/v1/admin/articles/${article.id}/status`, { status: 'corrected', correction: t('co') })).status);
    rec.articles[i] = (await api('GET', `/api/v1/admin/articles/${article.id}`)).json;
    rec.articles[i].path = `/en/${section}/${rec.articles[i].slug}`;
  }
  const ruSection = (await (await desk.request.get(`${BASE}/api/v1/editions/ru/sections`)).json()).items[0].slug;
  for (const i of PAYLOADS.map((_, j) => j).filter(plain)) {
    const r = await api('POST', '/api/v1/admin/articles', { edition: 'ru', section: ruSection, headline: text(i, 'hd'), lead: text(i, 'ld'), tags: [text(i, 'tg')] });
    check(r.status === 201, `Russian article ${i} is made (HTTP ${r.status} ${JSON.stringify(r.json)})`);
    check((await api('POST', `/api/v1/admin/articles/${r.json.id}/status`, { status: 'published' })).status === 200, `Russian article ${i} is published`);
    rec.ruArticles.push({ i, path: `/ru/${ruSection}/${r.json.slug}` });
  }
  const front = (await api('GET', '/api/v1/admin/editions/en/front')).json;
  check((await api('PUT', '/api/v1/admin/editions/en/front', { version: front.version, top: rec.articles.slice(0, 12).map((a) => a.id) })).status === 200, 'the front page is arranged');

  step("the editor's markup: every payload as a paragraph, through the form with its script on");
  await desk.goto(`${BASE}/newsroom/articles/new`);
  await desk.getByLabel('Headline').fill('XSS markup probe');
  await Promise.all([desk.waitForURL(/\/newsroom\/articles\/\d+$/), desk.getByRole('button', { name: 'Create draft' }).click()]);
  const markupEditor = new URL(desk.url()).pathname;
  for (const i of each('mk')) {
    await desk.goto(BASE + markupEditor);
    await desk.getByRole('button', { name: '+ Paragraph' }).click();
    await desk.locator('li.block-paragraph textarea').last().evaluate((el, v) => { el.value = v; }, text(i, 'mk'));
    const status = await submitAndWait(desk, desk.getByRole('button', { name: 'Save', exact: true }).click());
    // A refused save shows the form again with what was typed: scan it too.
    if (!wrote(i, 'mk', status)) await scan(desk, `editor refusing ${PAYLOADS[i].key} (HTTP ${status})`);
  }

  step('chat rooms, moderation words, live coverage with a reader watching');
  const room = (i, changes) => ({ csrf_token: csrf, edition_id: String(en.id), slug: `xss-c${i}-${RUN}`, title: `XSS room ${i}`, description: '', slow_mode_seconds: '0', position: String(100 + i), is_open: '1', ...changes });
  for (const i of each('rt')) {
    const status = await postForm(desk, '/newsroom/chats/rooms', room(i, { title: text(i, 'rt') }));
    if (wrote(i, 'rt', status)) rec.rooms[i] = `xss-c${i}-${RUN}`;
  }
  await desk.goto(`${BASE}/newsroom/chats`);
  const roomActions = await desk.evaluate(() => Object.fromEntries([...document.querySelectorAll('form[action*="/newsroom/chats/rooms/"] input[name=slug]')]
    .map((el) => [el.value, new URL(el.form.action).pathname])));
  for (const i of each('rd')) {
    let status;
    if (rec.rooms[i]) {
      status = await postForm(desk, roomActions[rec.rooms[i]], room(i, { title: text(i, 'rt'), description: text(i, 'rd') }));
    } else {
      status = await postForm(desk, '/newsroom/chats/rooms', room(i, { description: text(i, 'rd') }));
      if (status < 400) rec.rooms[i] = `xss-c${i}-${RUN}`;
    }
    wrote(i, 'rd', status);
  }
  for (const i of each('mw')) wrote(i, 'mw', await postForm(desk, '/newsroom/moderation/words', { csrf_token: csrf, word: text(i, 'mw'), kind: 'suspect' }));

  const liveStory = rec.articles[1];
  const watcher = await newPage('reader watching live');
  await watcher.goto(BASE + liveStory.path);
  const liveUrl = `/newsroom/articles/${liveStory.id}/live`;
  check(await postForm(desk, liveUrl, { csrf_token: csrf, action: 'open' }) < 400, 'live coverage opens');
  for (const i of each('lv')) wrote(i, 'lv', await postForm(desk, liveUrl, { csrf_token: csrf, action: 'post', body: text(i, 'lv') }));

  step('readers: one registers with a payload as name, one tries them all on the profile form, three comment');
  const r1 = await newPage('reader 1');
  const R1 = { email: `xss-${RUN}@readers.test`, password: `xss reader ${RUN}` };
  const regName = PAYLOADS.findIndex((p) => p.key === 'img-onerror');
  await r1.goto(`${BASE}/account/register?edition=en`);
  await r1.getByLabel('E-mail address').fill(R1.email);
  await r1.getByLabel('Display name').fill(text(regName, 'rg'));
  await r1.getByLabel('Password (optional)').fill(R1.password);
  wrote(regName, 'rg', await submitAndWait(r1, r1.getByRole('button', { name: 'Create account' }).click()));
  const verify = await mailFor(R1.email, (m) => m.parts.some((p) => p.text.includes('/account/verify')));
  const link = verify.parts.map((p) => p.text).join('\n').match(/https?:\/\/[^\s"'<>]+\/account\/verify[^\s"'<>]*/)[0].replace(/&amp;/g, '&');
  await r1.goto(link);
  await Promise.all([r1.waitForURL((u) => !u.pathname.startsWith('/account/verify')), r1.getByRole('button', { name: 'Confirm my address' }).click()]);
  // Every other payload through the same form (each a new address).
  const rx = await newPage('registering');
  for (const i of each('rg').filter((j) => j !== regName)) {
    await rx.goto(`${BASE}/account/register?edition=en`);
    wrote(i, 'rg', await postFormOf(rx, 'form.account-form', { email: `xss-${i}-${RUN}@readers.test`, display_name: text(i, 'rg'), password: '' }));
  }

  const r2 = await newPage('reader 2');
  const r3 = await newPage('reader 3');
  await readerLogin(r2, DEMO_READERS[0]);
  await readerLogin(r3, DEMO_READERS[1]);
  const saveName = async (page, name) => {
    await page.goto(`${BASE}/account/?edition=en`);
    await page.locator('#display_name').evaluate((el, v) => { el.value = v; }, name);
    return submitAndWait(page, page.locator('#display_name').evaluate((el) => el.form.requestSubmit()));
  };
  for (const i of each('dn')) {
    const status = await saveName(r2, text(i, 'dn'));
    await scan(r2, `profile ${wrote(i, 'dn', status) ? 'keeping' : 'refusing'} ${PAYLOADS[i].key} (HTTP ${status})`, status < 400 ? [marker(i, 'dn')] : []);
  }
  // The names they keep: an attribute breakout and a script breakout.
  const names = [];
  for (const [page, key] of [[r2, 'attr-double'], [r3, 'script-close']]) {
    const i = PAYLOADS.findIndex((p) => p.key === key);
    check(await saveName(page, text(i, 'dn')) === 303, `${key} is kept as a display name`);
    names.push(marker(i, 'dn'));
  }

  const story = rec.articles[2];
  const storyPath = story.path;
  const commenters = [r1, r2, r3];
  const comments = pack('cm', 3800);
  for (const [n, c] of comments.entries()) {
    const page = commenters[n % 3];
    await page.goto(BASE + storyPath);
    await page.waitForFunction(() => document.querySelector('input[data-csrf]')?.value, null, { timeout: 10_000 });
    const box = page.locator('.discussion').first();
    await box.getByLabel('Your comment').fill(c.body);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/comments')),
      box.getByRole('button', { name: 'Post comment' }).click(),
    ]);
    await box.locator('.notice, .form-error').first().waitFor({ timeout: 10_000 }).catch(() => {});
    c.ids.forEach((i) => wrote(i, 'cm', res.status()));
    // The answer was swapped into the page by comments.js: scan it as it is.
    await scan(page, `discussion after posting ${c.ids.length} payloads`);
  }
  // A comment with a control character, sent as a reader would: refused,
  // the reader sees why.
  const c0 = PAYLOADS.findIndex((p) => p.key === 'c0');
  await r1.goto(BASE + storyPath);
  await r1.waitForFunction(() => document.querySelector('input[data-csrf]')?.value, null, { timeout: 10_000 });
  await r1.locator('.discussion').first().getByLabel('Your comment').fill(text(c0, 'cm'));
  r1.refused.add(`${BASE}${storyPath}/comments`);
  const [refusal] = await Promise.all([
    r1.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST', { timeout: 10_000 }).catch(() => null),
    r1.locator('.discussion').first().getByRole('button', { name: 'Post comment' }).click(),
  ]);
  if (refusal) {
    await r1.waitForLoadState('load');
    wrote(c0, 'cm', refusal.status());
    if (!(await r1.locator('h1').textContent()).includes('This form could not be accepted')) problem('a comment refused for a control character: the page does not say so');
    await scan(r1, 'comment refused for a control character');
  } else {
    problem('a comment holding a control character, sent from the story page, brought no page saying it was refused');
    await scan(r1, 'story page after sending a comment holding a control character');
  }
  await r3.goto(`${BASE}${storyPath}/comments`);
  for (const i of each('cm').filter((j) => !plain(j) && j !== c0)) wrote(i, 'cm', await postFormOf(r3, '#comment-form', { body: text(i, 'cm') }));
  // A comment of its own for the rejection reasons (it leaves the story).
  await r2.goto(`${BASE}${storyPath}/comments`);
  check(await postFormOf(r2, '#comment-form', { body: `To be rejected ${RUN}` }) === 303, 'a comment to reject is posted');

  step('moderation: held comments approved, reported with notes, one rejected with reasons');
  await visit(desk, 'moderation queue (held)', '/newsroom/moderation');
  for (let k = 0; k < 30; k++) {
    const approve = desk.locator('form[action$="/approve"] button').first();
    if (!(await approve.count())) break;
    await submitAndWait(desk, approve.click());
  }
  // Notes packed to the field's 500 characters, one report per reader and
  // comment of another reader; then the refusals, on the first of them.
  const pairs = [];
  for (const page of commenters) {
    await page.goto(`${BASE}${storyPath}/comments`);
    const ids = await page.locator('article.comment:has(details.comment-report)').evaluateAll((els) => els.map((e) => e.dataset.comment));
    ids.forEach((id) => pairs.push({ page, id }));
  }
  const report = async (pair, note) => {
    await pair.page.goto(`${BASE}${storyPath}/comments`);
    return postFormOf(pair.page, `#c${pair.id} form[action$="/report"]`, { note });
  };
  // The text at the field's cap goes in a report of its own.
  const notes = pack('rn', 500).concat(each('rn').filter((j) => PAYLOADS[j].kind === 'long' && !mustRefuse(j)).map((j) => ({ ids: [j], body: text(j, 'rn') })));
  check(pairs.length >= notes.length, `there are comments enough to report (${pairs.length} for ${notes.length} notes)`);
  for (const [k, note] of notes.entries()) {
    if (!pairs[k]) break;
    const status = await report(pairs[k], note.body);
    note.ids.forEach((i) => wrote(i, 'rn', status));
  }
  for (const i of each('rn').filter(mustRefuse)) wrote(i, 'rn', await report(pairs[0], text(i, 'rn')));
  await visit(desk, 'moderation queue (reported)', '/newsroom/moderation?queue=reported', keptOf('rn'));
  await r1.goto(`${BASE}${storyPath}/comments`);
  const rejectId = await r1.locator('article.comment', { hasText: `To be rejected ${RUN}` }).getAttribute('data-comment');
  check(rejectId, 'the comment to reject is shown');
  // One comment to reject: the refusals first (the text at the cap is
  // left out), then as many payloads as the field's 500 characters hold.
  for (const i of each('rj').filter(mustRefuse)) {
    wrote(i, 'rj', await postForm(desk, `/newsroom/moderation/${rejectId}/reject`, { csrf_token: csrf, queue: 'pending', reason: text(i, 'rj') }));
  }
  const reason = pack('rj', 500)[0];
  const rejected = await postForm(desk, `/newsroom/moderation/${rejectId}/reject`, { csrf_token: csrf, queue: 'pending', reason: reason.body });
  reason.ids.forEach((i) => wrote(i, 'rj', rejected));
  await mailFor(DEMO_READERS[0].email, (m) => m.parts.some((p) => p.text.includes(marker(reason.ids[0], 'rj'))))
    .catch((e) => problem(`the rejection mail: ${e.message}`));

  step('chat: two readers send the payloads');
  const roomSlug = rec.rooms.find(Boolean);
  check(roomSlug, 'a chat room was made');
  const chatters = [r2, r3];
  for (const page of chatters) {
    await page.goto(`${BASE}/en/chats/${roomSlug}`);
    await page.locator('.chat-status').filter({ hasText: 'Live' }).waitFor({ timeout: 10_000 });
  }
  for (const [n, msg] of pack('ch', 950).entries()) {
    const page = chatters[n % 2];
    // Five messages per reader in ten seconds.
    if (n > 0 && n % 10 === 0) await page.waitForTimeout(10_500);
    await page.getByLabel('Your message').fill(msg.body);
    await page.getByRole('button', { name: 'Send' }).click();
    const shown = await page.locator('.chat-log .chat-message').filter({ hasText: marker(msg.ids[0], 'ch') }).waitFor({ timeout: 10_000 }).then(() => 200, () => 422);
    msg.ids.forEach((i) => wrote(i, 'ch', shown));
  }
  for (const page of chatters) await scan(page, `chat room ${roomSlug} as the messages arrived`, keptOf('ch'));
  await r2.waitForTimeout(10_500);
  for (const i of each('ch').filter((j) => !plain(j))) wrote(i, 'ch', await postFormOf(r2, '[data-chat-form]', { body: text(i, 'ch') }));

  step('the live page a reader kept open: entries and comments arrived without a reload');
  await scan(watcher, 'live article, open since before the entries', keptOf('lv'));

  // ---- every page that shows the payloads ----
  step('reader pages');
  const reader = await newPage('reader');
  const articleFields = ['hd', 'ld', 'pa', 'pl', 'hg', 'qt', 'qa', 'li', 'ic', 'et', 'eu', 'tg', 'co', 'an'];
  await visit(reader, 'front page', '/en/', kept(0, ['hd', 'en']));
  await visit(reader, 'front page (ru)', '/ru/', kept(0, ['ru']));
  await visit(reader, 'newsfeed', '/en/newsfeed', kept(N - 1, ['hd']));
  await visit(reader, 'media bank', '/en/mediabank/');
  await visit(reader, 'chat rooms', '/en/chats', keptOf('rt'));
  for (let i = 0; i < N; i++) {
    const a = rec.articles[i];
    await visit(reader, `article ${i}`, a.path, kept(i, articleFields).concat(i > 0 ? kept(i - 1, ['hd']) : []));
    await visit(reader, `section ${i}`, `/en/${rec.sections[i]}/`, kept(i, ['st', 'sd', 'hd']));
    for (const tag of a.tags) await visit(reader, `tag ${i}`, `/en/tag/${tag.slug}`, kept(i, ['tg', 'hd']));
    await visit(reader, `author ${i}`, `/en/author/${rec.authors[i].slug}`, kept(i, ['an', 'ab', 'al', 'hd']));
    const asset = (await api('GET', `/api/v1/admin/media/${rec.assets[i].id}`)).json;
    if (asset.page_url) await visit(reader, `picture ${i}`, new URL(asset.page_url).pathname, kept(i, ['cp', 'cr']));
    if (rec.rooms[i]) await visit(reader, `chat room ${i}`, `/en/chats/${rec.rooms[i]}`, kept(i, ['rt', 'rd']));
  }
  for (const a of rec.ruArticles) await visit(reader, `ru article ${a.i}`, a.path, kept(a.i, ['hd', 'ld', 'tg', 'ru']));
  await visit(reader, 'comments page', `${storyPath}/comments`, keptOf('cm').concat(names));
  await visit(r2, 'chat room, signed in', `/en/chats/${roomSlug}`, keptOf('ch'));
  await visit(r2, 'profile', '/account/?edition=en', [names[0]]);

  step('feeds and sitemaps as XML, the Content API as JSON');
  const xmlPage = await newPage('xml');
  await xmlPage.goto(`${BASE}/robots.txt`);
  const xml = async (url, expect = []) => {
    const res = await reader.request.get(BASE + url);
    const body = await res.text();
    const found = await xmlPage.evaluate(([t, e]) => {
      const doc = new DOMParser().parseFromString(t, 'application/xml');
      const err = doc.querySelector('parsererror');
      const out = [];
      if (err) out.push(`not well-formed XML: ${err.textContent.slice(0, 200)}`);
      if (doc.querySelector('[data-xss]')) out.push('an element with data-xss in the XML');
      e.forEach((m) => { if (!t.includes(m)) out.push(`does not show ${m}`); });
      return out;
    }, [body, expect]);
    if (res.status() !== 200) found.push(`HTTP ${res.status()}`);
    visits += 1;
    markerChecks += expect.length;
    found.forEach((f) => problem(`${url}: ${f}`));
    return body;
  };
  await xml('/en/rss.xml', kept(N - 1, ['hd', 'en']));
  await xml('/ru/rss.xml', kept(rec.ruArticles[rec.ruArticles.length - 1].i, ['hd']));
  const index = await xml('/sitemap.xml');
  for (const loc of [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1].replace(/&amp;/g, '&')).pathname)) await xml(loc);
  const json = async (url, expect = []) => {
    const res = await reader.request.get(BASE + url);
    const body = await res.text();
    visits += 1;
    markerChecks += expect.length;
    if (res.status() !== 200) problem(`${url}: HTTP ${res.status()}`);
    try { JSON.parse(body); } catch (e) { problem(`${url}: not JSON: ${e.message}`); }
    expect.forEach((m) => { if (!body.includes(m)) problem(`${url}: does not show ${m}`); });
  };
  await json('/api/v1/editions', kept(0, ['en', 'ru']));
  await json('/api/v1/editions/en/articles?limit=50', kept(N - 1, ['hd']));
  await json('/api/v1/editions/en/sections', kept(0, ['st', 'sd']));
  await json('/api/v1/media?limit=100');
  for (let i = 0; i < N; i++) {
    await json(`/api/v1/editions/en/articles/${rec.articles[i].slug}`, kept(i, ['hd', 'ld', 'pa', 'hg', 'qt', 'li']));
    await json(`/api/v1/editions/en/sections/${rec.sections[i]}`, kept(i, ['st']));
    await json(`/api/v1/media/${rec.assets[i].id}`, kept(i, ['cp', 'cr']));
  }

  step('newsroom pages');
  await visit(desk, 'dashboard', '/newsroom/', kept(0, ['ad']));
  await visit(desk, 'desk list', '/newsroom/articles', kept(N - 1, ['hd']));
  await visit(desk, 'desk search', '/newsroom/articles?q=xs');
  await visit(desk, 'markup editor', markupEditor, keptOf('mk'));
  await visit(desk, 'media', '/newsroom/media');
  await visit(desk, 'authors', '/newsroom/authors', kept(N - 1, ['an']));
  await visit(desk, 'editions', '/newsroom/editions', kept(0, ['en', 'ru']));
  await visit(desk, 'sections', '/newsroom/editions/en/sections', kept(0, ['st']));
  await visit(desk, 'users', '/newsroom/users', keptOf('un'));
  await visit(desk, 'tokens', '/newsroom/tokens', keptOf('tk'));
  await visit(desk, 'sessions', '/newsroom/sessions');
  await visit(desk, 'audit', '/newsroom/audit');
  await visit(desk, 'moderation queue', '/newsroom/moderation');
  await visit(desk, 'moderation log', '/newsroom/moderation/log');
  await visit(desk, 'moderation settings', '/newsroom/moderation/settings', keptOf('mw'));
  await visit(desk, 'chats', '/newsroom/chats', keptOf('rt').concat(keptOf('rd'), keptOf('ch').slice(0, 5)));
  await visit(desk, 'live desk', liveUrl, keptOf('lv'));
  await visit(desk, 'front arrangement', '/newsroom/front/en', kept(0, ['hd']));
  for (let i = 0; i < N; i++) {
    const a = rec.articles[i];
    await visit(desk, `editor ${i}`, `/newsroom/articles/${a.id}`, kept(i, ['hd', 'ld', 'pa', 'pl', 'hg', 'qt', 'qa', 'li', 'ic', 'et', 'eu', 'tg']));
    await visit(desk, `preview ${i}`, `/newsroom/articles/${a.id}/preview`, kept(i, ['hd', 'ld', 'pa', 'pl', 'hg', 'qt', 'qa', 'li', 'ic', 'et', 'tg']));
    await visit(desk, `revisions ${i}`, `/newsroom/articles/${a.id}/revisions`);
    await visit(desk, `picture ${i}`, `/newsroom/media/${rec.assets[i].id}`, kept(i, ['cp', 'at', 'cr', 'cy', 'so', 'ct', 'kw']));
    await visit(desk, `author ${i}`, `/newsroom/authors/${rec.authors[i].id}`, kept(i, ['an', 'ab', 'al']));
  }
  // The editor's picture picker lists pictures from the Admin API by script.
  await desk.goto(`${BASE}/newsroom/articles/${rec.articles[0].id}`);
  await desk.locator('[data-media-pick]').first().click();
  await desk.locator('[data-picker-q]').fill('xs');
  await desk.locator('[data-picker-results] button').first().waitFor({ timeout: 10_000 });
  await scan(desk, 'media picker in the editor', kept(0, ['cp']));

  step('mails, opened as pages');
  const mailPage = await newPage('mail');
  for (const m of inbox) {
    for (const p of m.parts.filter((x) => x.type === 'text/html')) {
      await mailPage.setContent(p.text, { waitUntil: 'load' });
      await scan(mailPage, `mail to ${m.to}: ${(m.headers.subject || '').slice(0, 60)}`);
      mails += 1;
    }
  }
} catch (e) {
  problem(e.stack || String(e));
} finally {
  await browser.close();
  mail.close();
}

const fields = Object.entries(stats);
const secs = ((Date.now() - started) / 1000).toFixed(0);
console.log(`XSS corpus: ${N} payloads × ${fields.length} fields: ${accepted.size} kept, ${fields.reduce((n, [, s]) => n + s.refused, 0)} refused`);
fields.forEach(([c, s]) => console.log(`  ${FIELDS[c].label}: ${s.kept} kept, ${s.refused} refused`));
if (problems.length) {
  console.error(`XSS corpus: ${problems.length} problem(s) in ${visits} pages and documents, ${secs} s:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`XSS corpus: passed in ${secs} s: ${visits} pages and documents scanned (${mails} of them mails), ${markerChecks} fields seen where they should be, no injection`);
