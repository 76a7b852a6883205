// The site's small scripts in headless Chromium, on the demo site, where a
// reader and an editor would notice them misbehave:
// - the masthead's search box suggests stories as one types (a combobox:
//   Down chooses, Escape closes, Enter opens the one chosen, or else sends
//   the form to the search page);
// - a click elsewhere closes the Subscribe menu but not a reply the reader
//   is typing;
// - a story added by infinite scroll gets the reader's form token, and its
//   comment's answer shows in that story's discussion, not the first one's;
// - Enter that ends an input method's composition does not send a chat
//   message; the Enter after it does, once;
// - a refused autosave is shown and not posted again until the text changes;
// - the editor's search and social fields: counters that warn past what
//   search results show, the search-result preview, the social picture's
//   picker button, and the fields saved by autosave.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_DIR, 'node_modules', 'x.js'));
const { chromium } = require('playwright-core');

const BASE = process.env.BASE;
// Staff login, then the first reader (lines 3-4), then the second (5-6).
const [EMAIL, PASSWORD, READER_EMAIL, READER_PASSWORD, OTHER_EMAIL, OTHER_PASSWORD] = readFileSync(process.env.LOGIN_FILE, 'utf8').trim().split('\n');
const EDITION = 'en';
const ROOM = '/en/chats/town-square';
const stamp = Date.now().toString(36);
const WAIT = 10_000;

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
  page.on('console', (m) => {
    // The refused autosave is this check's own doing.
    if (m.type() === 'error' && !(who === 'editor' && m.text().includes('status of 422'))) problems.push(`${who}: console: ${m.text()}`);
  });
  return page;
}

async function readerLogin(page, back, email = READER_EMAIL, password = READER_PASSWORD) {
  await page.goto(`${BASE}/account/login?edition=${EDITION}&return=${encodeURIComponent(back)}`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/account/login')),
    page.getByRole('button', { name: 'Log in' }).click()]);
  if (new URL(page.url()).pathname !== back) await page.goto(BASE + back);
}

try {
  const stories = (await api(`/api/v1/editions/${EDITION}/articles?limit=20`)).items
    .map((item) => new URL(item.url).pathname);
  const reader = await newPage('reader');

  {
    step('the masthead search box suggests stories: arrows, Escape, Enter');
    const latest = (await api(`/api/v1/editions/${EDITION}/articles?limit=1`)).items[0];
    const word = latest.headline.split(/\s+/).find((w) => /^[A-Za-z]{6,}$/.test(w)) ?? latest.headline.split(/\s+/)[0];
    await reader.goto(`${BASE}/${EDITION}/`);
    const box = reader.locator('#masthead-q');
    const options = reader.locator('#masthead-q-suggestions [role=option]');
    await box.pressSequentially(word.slice(0, 4).toLowerCase(), { delay: 30 });
    await options.first().waitFor({ timeout: WAIT });
    check(await box.getAttribute('role') === 'combobox' && await box.getAttribute('aria-expanded') === 'true', 'the box is an expanded combobox');
    await box.press('ArrowDown');
    const chosen = reader.locator('#masthead-q-suggestions [role=option][aria-selected=true]');
    check(await chosen.count() === 1, 'ArrowDown chooses the first suggestion');
    check(await box.getAttribute('aria-activedescendant') === await chosen.getAttribute('id'), 'the box names the chosen suggestion');
    await box.press('Escape');
    check(await box.getAttribute('aria-expanded') === 'false' && await options.count() === 0, 'Escape closes the suggestions');
    await box.pressSequentially(word.slice(4, 6).toLowerCase(), { delay: 30 });
    await options.first().waitFor({ timeout: WAIT });
    await box.press('ArrowDown');
    const target = await chosen.getAttribute('data-url');
    await Promise.all([reader.waitForURL((u) => u.pathname === target), box.press('Enter')]);
    // With nothing chosen, Enter sends the form: the search page lists it.
    await reader.goto(`${BASE}/${EDITION}/`);
    await reader.locator('#masthead-q').fill(word);
    await Promise.all([reader.waitForURL((u) => u.pathname === `/${EDITION}/search`), reader.locator('#masthead-q').press('Enter')]);
    check(await reader.locator('.search-hit').count() > 0, 'the search page lists what the box searched for');
  }

  step('a click elsewhere closes the menu, not the reply being typed');
  const desk = await newPage('editor');
  await desk.goto(`${BASE}/newsroom/login`);
  await desk.getByLabel(/e-mail/i).fill(EMAIL);
  await desk.getByLabel('Password').fill(PASSWORD);
  await Promise.all([desk.waitForURL(`${BASE}/newsroom/`), desk.getByRole('button', { name: /log in/i }).click()]);
  // The second reader comments on a story (approved by the editor when
  // held, as new accounts are), for the first reader to answer.
  const thread = `${stories[1]}/comments`;
  const other = await newPage('second reader');
  await readerLogin(other, thread, OTHER_EMAIL, OTHER_PASSWORD);
  const said = `Something to answer (${stamp})`;
  await other.locator('#comment-body').fill(said);
  await other.getByRole('button', { name: 'Post comment' }).click();
  await other.locator('.notice').first().waitFor({ timeout: WAIT });
  if ((await other.locator('.notice').first().textContent()).includes('moderator')) {
    await desk.goto(`${BASE}/newsroom/moderation`);
    const item = desk.locator('.moderation-item', { hasText: said });
    await Promise.all([desk.waitForURL((u) => u.pathname === '/newsroom/moderation'), item.getByRole('button', { name: 'Approve' }).click()]);
  }
  await readerLogin(reader, thread);
  const reply = reader.locator('details.comment-reply').first();
  check(await reply.count() === 1, 'the signed-in reader can reply to a comment by someone else');
  await reply.locator('summary').click();
  const draft = `Half a thought (${stamp})`;
  await reply.locator('textarea').fill(draft);
  const menu = reader.locator('details.subscribe');
  await menu.locator('summary').click();
  check(await menu.evaluate((d) => d.open), 'the Subscribe menu opens');
  await reader.locator('h1').first().click();
  check(!(await menu.evaluate((d) => d.open)), 'a click outside closes the Subscribe menu');
  check(await reply.evaluate((d) => d.open), 'the reply being typed stays open');
  check(await reply.locator('textarea').inputValue() === draft, 'the typed reply is kept');

  step('infinite scroll: the added story has its token and its own answer');
  const first = stories[2];
  await reader.goto(BASE + first);
  await reader.locator('nav.next-article').first().scrollIntoViewIfNeeded();
  await reader.locator('main article.article').nth(1).waitFor({ state: 'attached', timeout: WAIT });
  const second = reader.locator('main article.article').nth(1);
  await reader.waitForFunction(
    () => document.querySelectorAll('main article.article')[1]?.querySelector('input[data-csrf]')?.value,
    null, { timeout: WAIT },
  );
  const token = await reader.locator('main article.article').first().locator('input[data-csrf]').inputValue();
  check(token !== '' && await second.locator('input[data-csrf]').inputValue() === token,
    'the added story\'s comment form carries the reader\'s token');
  const comment = `Scrolled down to say this (${stamp})`;
  const secondBox = second.locator('.discussion');
  await secondBox.locator('textarea').fill(comment);
  await secondBox.locator('form.comment-form button[type=submit]').click();
  await secondBox.locator('.notice, .comment', { hasText: /./ }).first().waitFor({ timeout: WAIT });
  const firstBox = reader.locator('main article.article').first().locator('.discussion');
  check(await firstBox.locator('.notice').count() === 0, 'the first story\'s discussion is untouched');
  check(await secondBox.locator('.notice').count() === 1, 'the answer shows in the added story\'s discussion');

  step('chat: Enter ending a composition does not send');
  await reader.goto(BASE + ROOM);
  await reader.evaluate(() => {
    window.__sent = [];
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      try { const frame = JSON.parse(data); if (frame.type === 'send') window.__sent.push(frame.body); } catch (e) { /* not JSON */ }
      return send.call(this, data);
    };
  });
  // The socket is open once the room counts this reader.
  await reader.locator('[data-chat-presence]').filter({ hasText: /here/ }).waitFor({ timeout: WAIT });
  const box = reader.getByLabel('Your message');
  const text = `你好 ${stamp}`;
  await box.fill(text);
  await box.evaluate((el) => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true }));
  });
  check((await reader.evaluate(() => window.__sent.length)) === 0, 'no message is sent while composing');
  await box.press('Enter');
  await reader.locator('.chat-log .chat-message').filter({ hasText: text }).waitFor({ timeout: WAIT });
  check(JSON.stringify(await reader.evaluate(() => window.__sent)) === JSON.stringify([text]), 'the message is sent once, by the Enter after the composition');

  step('autosave: a refusal is shown and not posted again until the text changes');
  await desk.goto(`${BASE}/newsroom/articles/new`);
  await desk.getByLabel('Headline').fill(`Autosave check ${stamp}`);
  await Promise.all([desk.waitForURL(/\/newsroom\/articles\/\d+$/), desk.getByRole('button', { name: 'Create draft' }).click()]);
  const posts = [];
  desk.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/autosave')) posts.push(r.url()); });
  await desk.getByLabel('Headline').fill('');
  await desk.waitForFunction(() => document.querySelector('[data-state]').textContent.includes('Not autosaved'), null, { timeout: WAIT });
  check(await desk.getByLabel('Headline').getAttribute('aria-invalid') === 'true', 'the refused field is marked');
  // Two more autosave rounds pass with nothing new to send.
  await desk.waitForTimeout(7_000);
  await desk.getByLabel('Headline').fill(`Autosave check ${stamp}, fixed`);
  await desk.waitForFunction(() => document.querySelector('[data-state]').textContent.includes('All changes saved'), null, { timeout: WAIT });
  check(posts.length === 2, `one post for the refused text and one for the fix (${posts.length})`);
  check(await desk.getByLabel('Headline').getAttribute('aria-invalid') === null, 'the mark goes once the save succeeds');

  step('search and social: counters, the search preview, the picker and autosave');
  await desk.locator('details.seo summary').click();
  check(await desk.locator('button[data-media-pick="f-social-media"]').isVisible(), 'the social picture has the picker button');
  const seoTitle = `A search title for the autosave check ${stamp}, longer than is shown`;
  await desk.getByLabel('Search title').fill(seoTitle);
  check(await desk.locator('#f-seo-title-count [data-count]').textContent() === String([...seoTitle].length), 'the count follows the typing');
  check(await desk.locator('#f-seo-title-count [data-over]').isVisible(), 'past 60 characters, a warning');
  check(await desk.locator('[data-serp-title]').textContent() === seoTitle, 'the preview shows the search title');
  await desk.getByLabel('Search title').fill('');
  check(!(await desk.locator('#f-seo-title-count [data-over]').isVisible()), 'the warning goes with the text');
  check((await desk.locator('[data-serp-title]').textContent()).startsWith(`Autosave check ${stamp}, fixed - `), 'the preview falls back to the headline');
  const original = `https://wire.example/${stamp}`;
  await desk.getByLabel('Address of the original').fill(original);
  check(await desk.locator('[data-serp-url]').textContent() === original, 'the preview shows the canonical address');
  // An autosave already on its way may answer first: ask the Admin API
  // (with the editor's session) until the address is stored.
  const articleId = new URL(desk.url()).pathname.split('/').pop();
  let saved = null;
  for (const until = Date.now() + WAIT; Date.now() < until; await desk.waitForTimeout(500)) {
    saved = await desk.evaluate(async (id) => (await fetch(`/api/v1/admin/articles/${id}`)).json(), articleId);
    if (saved.canonical_url === original) break;
  }
  check(saved.canonical_url === original && saved.seo_title === null, `autosaved: ${JSON.stringify(saved)}`);
} finally {
  await browser.close();
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('browser-scripts: ok');
