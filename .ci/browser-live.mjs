// Live coverage and live comments end to end in headless Chromium, on the
// demo site: a reader's page is open on a story; an editor marks the story
// as live coverage and posts an entry in the newsroom, which appears on the
// open page within a second, without a reload; the editor pins it and the
// page moves it into the key events; then a reader signed in elsewhere
// comments (held for review as new accounts are, and approved by the
// editor) and the comment appears live on the open page, counted once;
// deleted by its author, it leaves the open page again.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_DIR, 'node_modules', 'x.js'));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const BASE = process.env.BASE;
const OUT = process.env.OUT;
const [EMAIL, PASSWORD, READER_EMAIL, READER_PASSWORD] = readFileSync(process.env.LOGIN_FILE, 'utf8').trim().split('\n');
const EDITION = 'en';
const stamp = Date.now().toString(36);
const ENTRY = `Crews reach the harbour ${stamp}`;
const COMMENT = `Following this live from the quay ${stamp}`;

const step = (what) => console.log(`step ${what}`);
function check(ok, what) { if (!ok) throw new Error(`check failed: ${what}`); }
async function api(url) {
  const res = await fetch(BASE + url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];

async function newPage(who) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${who}: page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${who}: console: ${m.text()}`); });
  return page;
}

async function axe(page, what) {
  // Evaluated through the DevTools protocol: the site's CSP (no inline scripts) stays on.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .forEach((v) => problems.push(`${what} axe ${v.impact}: ${v.id} ${v.help}`));
}

try {
  // The demo makes its newest story live coverage, and other checks may
  // have published stories since: take the newest story that is not live.
  let story = null;
  for (const item of (await api(`/api/v1/editions/${EDITION}/articles?limit=10`)).items) {
    const html = await (await fetch(item.url.replace(/^https?:\/\/[^/]+/, BASE))).text();
    if (!html.includes('class="live-coverage')) { story = item; break; }
  }
  check(story !== null, 'one of the newest stories is not live coverage');
  const storyPath = new URL(story.url).pathname;
  const storyUrl = `${BASE}${storyPath}`;

  step('open the story as a reader');
  const reader = await newPage('reader');
  await reader.goto(storyUrl);
  const article = reader.locator('main article.article').first();
  check(await article.locator('.live-coverage').count() === 0, 'the story is not live coverage yet');
  // Give the page's stream a moment to connect.
  await reader.waitForTimeout(800);

  step('the editor marks the story live and posts an entry');
  const desk = await newPage('editor');
  await desk.goto(`${BASE}/newsroom/login`);
  await desk.getByLabel(/e-mail/i).fill(EMAIL);
  await desk.getByLabel('Password').fill(PASSWORD);
  await Promise.all([desk.waitForURL(`${BASE}/newsroom/`), desk.getByRole('button', { name: /log in/i }).click()]);
  await desk.goto(`${BASE}/newsroom/articles/${story.id}`);
  await Promise.all([desk.waitForURL(/\/live$/), desk.getByRole('link', { name: 'Live coverage' }).click()]);
  await Promise.all([desk.waitForURL(/done=opened/), desk.getByRole('button', { name: 'Start live coverage' }).click()]);
  check((await desk.locator('[data-live-state]').textContent()).includes('Live now'), 'the desk shows the coverage as live');
  await desk.getByLabel('Entry text').fill(`**${ENTRY}**`);
  await Promise.all([desk.waitForURL(/done=posted/), desk.getByRole('button', { name: 'Post entry' }).click()]);
  const posted = Date.now();
  await axe(desk, 'live desk');
  await desk.screenshot({ path: path.join(OUT, 'live-desk.png'), fullPage: true });

  step('the open page shows the entry without a reload');
  const entry = article.locator('.live-entries .live-entry', { hasText: ENTRY });
  await entry.waitFor({ timeout: 5_000 });
  const shownAfter = Date.now() - posted;
  console.log(`the open page showed the entry ${shownAfter} ms after the post`);
  check(shownAfter <= 1_500, `the entry appears within a second or so (${shownAfter} ms)`);
  check(await entry.locator('strong').textContent() === ENTRY, 'the entry keeps its Markdown emphasis');
  check(await entry.locator('time[datetime]').count() === 1, 'the entry carries its time');
  check(await article.locator('.live-mark .live-badge').isVisible(), 'the Live badge shows');
  check(await article.evaluate((a) => {
    const live = a.querySelector('.live-coverage');
    const body = a.querySelector('.article-body');
    return Boolean(live && body && (live.compareDocumentPosition(body) & Node.DOCUMENT_POSITION_FOLLOWING));
  }), 'the updates come before the article body');

  step('the story is marked live on the front page, in its section and the newsfeed, on desktop and phone');
  for (const [size, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 375, height: 740 }]]) {
    const lister = await browser.newContext({ viewport, locale: 'en-GB' });
    const listing = await lister.newPage();
    for (const where of [`/${EDITION}/`, new URL(story.url).pathname.replace(/[^/]+$/, ''), `/${EDITION}/newsfeed`]) {
      await listing.goto(`${BASE}${where}`);
      const card = listing.locator('main .card, main .stream-item, aside .stream-item').filter({ has: listing.locator(`a[href="${storyPath}"]`) }).first();
      check(await card.count() === 1, `${where} lists the story`);
      check(await card.locator('.live-badge').isVisible(), `${where}: the story's card carries the Live badge (${size})`);
    }
    await listing.goto(`${BASE}/${EDITION}/`);
    await listing.locator(`main a[href="${storyPath}"]`).first().scrollIntoViewIfNeeded();
    await listing.screenshot({ path: path.join(OUT, `live-front-${size}.png`) });
    await lister.close();
  }
  const feed = await (await fetch(`${BASE}/${EDITION}/rss.xml`)).text();
  check(feed.includes(`<title>Live: ${story.headline.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</title>`), 'the RSS feed marks the story live');

  step('pinning moves it into the key events');
  const deskEntry = desk.locator('.live-desk-entry', { hasText: ENTRY });
  await Promise.all([desk.waitForURL(/done=pinned/), deskEntry.getByRole('button', { name: 'Pin as key event' }).click()]);
  await article.locator('.live-key-list .live-entry', { hasText: ENTRY }).waitFor({ timeout: 5_000 });
  check(await article.locator('.live-entries .live-entry', { hasText: ENTRY }).count() === 1, 'the entry is listed once among all entries');
  step('a background tab counts the updates in its title');
  const plainTitle = await reader.title();
  // Headless Chromium keeps every tab visible: the page is told it is in
  // the background the way a browser tells it, by visibilitychange.
  const setHidden = (hidden) => reader.evaluate((h) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
  await setHidden(true);
  await desk.locator('#live-body').fill(`Second update ${stamp}`);
  await Promise.all([desk.waitForURL(/done=posted/), desk.getByRole('button', { name: 'Post entry' }).click()]);
  await reader.waitForFunction((t) => document.title === `(1) ${t}`, plainTitle, { timeout: 5_000 });
  await setHidden(false);
  await reader.waitForFunction((t) => document.title === t, plainTitle, { timeout: 5_000 });
  await axe(reader, 'live article');
  await reader.screenshot({ path: path.join(OUT, 'live-article.png'), fullPage: true });

  step('a reader comment appears live on the open page');
  const before = Number((await article.locator('.comment-count').textContent()).replace(/\D/g, '')) || 0;
  const commenter = await newPage('commenter');
  await commenter.goto(`${BASE}/account/login?edition=${EDITION}&return=${encodeURIComponent(storyPath)}`);
  await commenter.getByLabel('E-mail address').fill(READER_EMAIL);
  await commenter.getByLabel('Password').fill(READER_PASSWORD);
  await Promise.all([commenter.waitForURL((u) => u.pathname === storyPath), commenter.getByRole('button', { name: 'Log in' }).click()]);
  const box = commenter.locator('.discussion').first();
  await commenter.waitForFunction(() => document.querySelector('input[data-csrf]')?.value, null, { timeout: 10_000 });
  await box.getByLabel('Your comment').fill(COMMENT);
  await box.getByRole('button', { name: 'Post comment' }).click();
  await box.locator('.notice').waitFor({ timeout: 10_000 });
  const notice = await box.locator('.notice').textContent();
  if (notice.includes('moderator')) {
    // New accounts are held for review: the editor approves it.
    await desk.goto(`${BASE}/newsroom/moderation`);
    const item = desk.locator('.moderation-item', { hasText: COMMENT });
    check(await item.count() === 1, 'the held comment is in the queue');
    await Promise.all([desk.waitForURL((u) => u.pathname === '/newsroom/moderation'), item.getByRole('button', { name: 'Approve' }).click()]);
  }
  const shown = Date.now();
  const comment = reader.locator('.discussion').first().locator('.comment', { hasText: COMMENT });
  await comment.waitFor({ timeout: 5_000 });
  console.log(`the open page showed the comment ${Date.now() - shown} ms after it became visible`);
  check(await comment.count() === 1, 'the comment is shown once');
  const after = Number((await article.locator('.comment-count').textContent()).replace(/\D/g, ''));
  check(after === before + 1, `the counter moves by one (${before} → ${after})`);
  await reader.screenshot({ path: path.join(OUT, 'live-comment.png'), fullPage: true });

  step('the commenter deletes it; the open page drops it');
  await commenter.goto(`${BASE}${storyPath}/comments`);
  const mine = commenter.locator('.comment', { hasText: COMMENT });
  const deleted = Date.now();
  await mine.getByRole('button', { name: 'Delete' }).click();
  await comment.waitFor({ state: 'detached', timeout: 5_000 });
  console.log(`the open page dropped the comment ${Date.now() - deleted} ms after the delete was sent`);
  const final = Number((await article.locator('.comment-count').textContent()).replace(/\D/g, '')) || 0;
  check(final === before, `the counter is back (${final}, was ${before})`);
} catch (e) {
  problems.push(e.stack || String(e));
} finally {
  await browser.close();
}
if (problems.length) {
  console.error(`live coverage end to end: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('live coverage end to end: passed');
