// Every newsroom page in headless Chromium, on the demo site, signed in as
// an admin (LOGIN_FILE: address and password on two lines): each answers, shows no console error and no serious or
// critical accessibility finding (axe), and its HTML is saved for the Nu
// checker that `.ci/browser` runs over every saved page. The login form
// and an invitation link that no longer works are checked signed out.
// Screenshots of the dashboard, the editor and the bylines, on a desktop
// and a phone. Before the pages, a wire source is set up the way an admin
// would (a folder, WIRE_DIR, with one ninjs item dropped in), the running
// server's ingest job takes the item in, and a draft is made of it.
// Prints one line per page; fails when anything is wrong.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_DIR, 'node_modules', 'x.js'));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const BASE = process.env.BASE;
const OUT = process.env.OUT;
const [EMAIL, PASSWORD] = readFileSync(process.env.LOGIN_FILE, 'utf8').trim().split('\n');
const HTML_DIR = path.join(OUT, 'html');
mkdirSync(HTML_DIR, { recursive: true });

const problems = [];
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// Visits `url` in `page`: status, console errors, axe, saved HTML.
async function visit(page, name, url, expected = 200) {
  const errors = [];
  const onConsole = (m) => { if (m.type() === 'error') errors.push(m.text()); };
  page.on('console', onConsole);
  const response = await page.goto(BASE + url);
  const status = response ? response.status() : 0;
  await page.evaluate(axeSource);
  const axe = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  page.off('console', onConsole);
  // The HTML as served (not the DOM after scripts), for the Nu checker.
  const raw = await (await page.context().request.get(BASE + url)).text();
  writeFileSync(path.join(HTML_DIR, `newsroom-${name}.html`), raw);
  const found = [];
  if (status !== expected) found.push(`HTTP ${status}, expected ${expected}`);
  // A refused page's own status is in the console as a failed load.
  errors.filter((e) => !(expected >= 400 && e.includes(`status of ${expected}`)))
    .forEach((e) => found.push(`console: ${e}`));
  serious.forEach((v) => found.push(`axe ${v.impact}: ${v.id} ${v.help} (${v.nodes.length})`));
  console.log(`${found.length ? 'FAIL' : 'ok  '} ${name} ${url} (${status})${found.map((f) => `\n     ${f}`).join('')}`);
  found.forEach((f) => problems.push(`${url}: ${f}`));
}

// The first link on `url` whose address matches `pattern`.
async function firstLink(page, url, pattern) {
  await page.goto(BASE + url);
  const hrefs = await page.$$eval('main a[href]', (as) => as.map((a) => a.getAttribute('href')));
  return hrefs.find((h) => pattern.test(h));
}

try {
  const signedOut = await (await browser.newContext()).newPage();
  await visit(signedOut, 'login', '/newsroom/login');
  await visit(signedOut, 'invitation-gone', '/newsroom/invitation?token=no-such-invitation', 410);

  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${BASE}/newsroom/login`);
  await page.getByLabel(/e-mail/i).fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/newsroom/`), page.getByRole('button', { name: /log in/i }).click()]);

  // Wires: a folder source, an item dropped in, "Poll now", the queue.
  const item = {
    uri: 'urn:dateline:ci:wire:ferry', version: '1', type: 'text', language: 'en', urgency: 2,
    headlines: [{ value: 'Night ferry resumes after the storm' }],
    bodies: [{ role: 'main', contenttype: 'text/html', value: '<p>The first crossing left at ten.</p>' }],
    copyrightholder: 'Dateline CI Wire',
  };
  const dropped = path.join(process.env.WIRE_DIR, 'ferry.json');
  writeFileSync(dropped, JSON.stringify(item));
  const past = new Date(Date.now() - 60_000);
  utimesSync(dropped, past, past);
  await page.goto(`${BASE}/newsroom/wires/sources`);
  await page.getByLabel('Name').fill('CI folder');
  await page.getByLabel('Folder watched').check();
  await page.getByLabel('Address or folder').fill(process.env.WIRE_DIR);
  await page.getByLabel('Seconds between polls').fill('30');
  await Promise.all([page.waitForURL(`${BASE}/newsroom/wires/sources`), page.getByRole('button', { name: 'Add the source' }).click()]);
  await page.getByRole('button', { name: 'Poll now' }).click();
  let wireItem;
  for (let i = 0; i < 40 && !wireItem; i += 1) {
    wireItem = await firstLink(page, '/newsroom/wires', /^\/newsroom\/wires\/\d+$/);
    if (!wireItem) await page.waitForTimeout(500);
  }
  const wireSource = await firstLink(page, '/newsroom/wires/sources', /^\/newsroom\/wires\/sources\/\d+$/);
  let wireDraft;
  if (!wireItem) {
    problems.push('wires: the dropped item did not reach the queue within 20 s');
  } else {
    await page.goto(BASE + wireItem);
    await Promise.all([page.waitForURL(/\/newsroom\/articles\/\d+$/), page.getByRole('button', { name: 'Create a draft' }).click()]);
    wireDraft = new URL(page.url()).pathname;
    const panel = await page.locator('#wire-origin').innerText();
    if (!panel.includes('Dateline CI Wire') || !panel.includes('version 1')) problems.push(`wire draft: no provenance panel (${panel})`);
    if (await page.locator('#f-headline').inputValue() !== 'Night ferry resumes after the storm') problems.push('wire draft: headline not taken');
  }

  const article = await firstLink(page, '/newsroom/articles', /^\/newsroom\/articles\/\d+$/);
  const author = await firstLink(page, '/newsroom/authors', /^\/newsroom\/authors\/\d+$/);
  const asset = await firstLink(page, '/newsroom/media', /^\/newsroom\/media\/\d+$/);
  const pages = [
    ['dashboard', '/newsroom/'],
    ['articles', '/newsroom/articles'],
    ['article-new', '/newsroom/articles/new'],
    ['editor', article],
    ['revisions', `${article}/revisions`],
    ['media', '/newsroom/media'],
    ['media-asset', asset],
    ['users', '/newsroom/users'],
    ['authors', '/newsroom/authors'],
    ['author-new', '/newsroom/authors/new'],
    ['author', author],
    ['editions', '/newsroom/editions'],
    ['edition', '/newsroom/editions/en'],
    ['settings', '/newsroom/settings'],
    ['sections', '/newsroom/editions/en/sections'],
    ['front', '/newsroom/front/en'],
    ['moderation', '/newsroom/moderation'],
    ['moderation-log', '/newsroom/moderation/log'],
    ['moderation-settings', '/newsroom/moderation/settings'],
    ['chats', '/newsroom/chats'],
    ['tokens', '/newsroom/tokens'],
    ['sessions', '/newsroom/sessions'],
    ['audit', '/newsroom/audit'],
    ['wires', '/newsroom/wires'],
    ['wire-item', wireItem],
    ['wire-draft', wireDraft],
    ['wire-sources', '/newsroom/wires/sources'],
    ['wire-source', wireSource],
  ];
  for (const [name, url] of pages) {
    if (!url) { problems.push(`${name}: no page found to open`); continue; }
    await visit(page, name, url);
  }
  for (const [name, url] of [['dashboard', '/newsroom/'], ['editor', article], ['authors', '/newsroom/authors'], ['author', author]]) {
    if (!url) continue;
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(BASE + url);
    await page.screenshot({ path: path.join(OUT, `desk-${name}.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(OUT, `desk-${name}-phone.png`), fullPage: true });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    if (wide) problems.push(`${url}: wider than a phone's screen`);
  }
} finally {
  await browser.close();
}

if (problems.length) {
  console.error(`newsroom pages: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('newsroom pages: passed');
