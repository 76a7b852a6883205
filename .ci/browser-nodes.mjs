// Two Dateline processes on one PostgreSQL database (issue 6): a story
// published in the newsroom of node A appears within a second on a
// newsfeed page open on node B, and a chat message sent by a reader on
// node A appears in the same room open on node B.
//
// Environment: NODE_DIR (playwright-core), BASE_A and BASE_B (the two
// nodes), LOGIN_FILE (the demo's credentials: staff e-mail and password,
// then reader e-mail and password), OUT (screenshots).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_DIR, 'node_modules', 'x.js'));
const { chromium } = require('playwright-core');

const A = process.env.BASE_A;
const B = process.env.BASE_B;
const OUT = process.env.OUT;
const [EMAIL, PASSWORD, READER_EMAIL, READER_PASSWORD] = readFileSync(process.env.LOGIN_FILE, 'utf8').trim().split('\n');
const EDITION = 'en';
const stamp = Date.now().toString(36);
const HEADLINE = `Ferry timetable changes for winter ${stamp}`;

const problems = [];
const check = (ok, what) => { if (!ok) problems.push(what); };
const step = (what) => console.log(`step ${what}`);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const onA = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
  const onB = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
  for (const context of [onA, onB]) {
    context.on('page', (p) => p.on('pageerror', (e) => problems.push(`page error on ${p.url()}: ${e.message}`)));
  }

  step('node B: open the newsfeed');
  const feed = await onB.newPage();
  await feed.goto(`${B}/${EDITION}/newsfeed`);
  const inFeed = feed.waitForFunction(
    (headline) => [...document.querySelectorAll('[data-live-feed] .stream-title')].some((a) => a.textContent === headline),
    HEADLINE, { timeout: 30_000, polling: 10 },
  ).then(() => Date.now());

  step('node A: write a story and publish it now');
  const desk = await onA.newPage();
  await desk.goto(`${A}/newsroom/login`);
  await desk.getByLabel(/e-mail/i).fill(EMAIL);
  await desk.getByLabel('Password').fill(PASSWORD);
  await Promise.all([desk.waitForURL(`${A}/newsroom/`), desk.getByRole('button', { name: /log in/i }).click()]);
  await desk.goto(`${A}/newsroom/articles/new`);
  await desk.getByLabel('Headline').fill(HEADLINE);
  await Promise.all([desk.waitForURL(/\/newsroom\/articles\/\d+$/), desk.getByRole('button', { name: 'Create draft' }).click()]);
  await desk.getByLabel('Lead', { exact: true }).fill('Boats leave every forty minutes from Monday.');
  await desk.getByRole('button', { name: '+ Paragraph' }).click();
  // The paragraph is edited as formatted text; its field follows.
  await desk.locator('li.block-paragraph [data-rich-text]').first().fill('The last boat leaves the pier at eleven at night.');
  check(await desk.locator('textarea[name="block-0-text"]').inputValue() === 'The last boat leaves the pier at eleven at night.', 'the paragraph field holds the text');
  await Promise.all([desk.waitForURL(/saved=1/), desk.getByRole('button', { name: 'Save', exact: true }).click()]);
  await Promise.all([desk.waitForURL(/moved=published/), desk.getByRole('button', { name: 'Publish now' }).click()]);
  const published = Date.now();
  const feedAt = await inFeed.catch(() => null);
  check(feedAt !== null, 'the newsfeed open on node B shows the story published on node A');
  if (feedAt !== null) {
    console.log(`node B's open newsfeed showed it ${feedAt - published} ms after node A answered the publish`);
    check(feedAt - published <= 1000, `within a second (${feedAt - published} ms)`);
  }
  await feed.screenshot({ path: path.join(OUT, 'two-nodes-newsfeed.png') });

  step('chat: a reader on node A, the same room open on node B');
  const chats = await (await fetch(`${A}/${EDITION}/chats`)).text();
  const room = chats.match(new RegExp(`href="(/${EDITION}/chats/[a-z0-9-]+)"`));
  check(room !== null, 'the chats page lists a room');
  if (room !== null) {
    const watcher = await onB.newPage();
    await watcher.goto(`${B}${room[1]}`);
    await watcher.locator('.chat-status').filter({ hasText: 'Live' }).waitFor({ timeout: 10_000 });
    const reader = await onA.newPage();
    await reader.goto(`${A}/account/login?edition=${EDITION}&return=${encodeURIComponent(room[1])}`);
    await reader.getByLabel('E-mail address').fill(READER_EMAIL);
    await reader.getByLabel('Password').fill(READER_PASSWORD);
    await Promise.all([reader.waitForURL(`${A}${room[1]}`), reader.getByRole('button', { name: 'Log in' }).click()]);
    await reader.locator('.chat-status').filter({ hasText: 'Live' }).waitFor({ timeout: 10_000 });
    const text = `Hello from node A ${stamp}`;
    const arrived = watcher.waitForFunction(
      (t) => [...document.querySelectorAll('[data-chat-log] .chat-message')].some((m) => m.textContent.includes(t)),
      text, { timeout: 10_000, polling: 10 },
    ).then(() => Date.now()).catch(() => null);
    await reader.getByLabel('Your message').fill(text);
    const sent = Date.now();
    await reader.getByRole('button', { name: 'Send' }).click();
    const at = await arrived;
    check(at !== null, 'the chat message sent on node A appears on node B');
    if (at !== null) console.log(`node B showed the chat message ${at - sent} ms after it was sent on node A`);
    await watcher.screenshot({ path: path.join(OUT, 'two-nodes-chat.png') });
  }
} finally {
  await browser.close();
}
if (problems.length) {
  console.error(`two nodes: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('two nodes: passed');
