// Chats end to end in headless Chromium, on the demo site: the two demo
// readers sign in from two separate browser contexts, open the same room,
// see each other there (presence 2), and each sends a message the other
// sees appear without a reload. axe and the console are checked on the
// way, and the served room pages are saved for the HTML validator.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_DIR, 'node_modules', 'x.js'));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const BASE = process.env.BASE;
const OUT = process.env.OUT;
// Staff login, then the first reader (lines 3-4), then the second (5-6).
const lines = readFileSync(process.env.LOGIN_FILE, 'utf8').trim().split('\n');
const READERS = [
  { email: lines[2], password: lines[3], name: 'Demo Reader' },
  { email: lines[4], password: lines[5], name: 'Second Reader' },
];
const ROOM = '/en/chats/town-square';
const stamp = Date.now().toString(36);
const WAIT = 10_000;

const started = Date.now();
function check(ok, what) { if (!ok) throw new Error(`check failed: ${what}`); }
const step = (what) => console.log(`step ${what}`);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
let axeChecked = 0;

async function axe(page, name) {
  // Evaluated through the DevTools protocol: the site's CSP (no inline scripts) stays on.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .forEach((v) => problems.push(`${name} axe ${v.impact}: ${v.id} ${v.help}`));
  axeChecked += 1;
}

async function signedInPage(who) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${who.name}: page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${who.name}: console: ${m.text()} (${page.url()})`); });
  await page.goto(`${BASE}/account/login?edition=en&return=${encodeURIComponent(ROOM)}`);
  await page.getByLabel('E-mail address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/account/login')),
    page.getByRole('button', { name: 'Log in' }).click()]);
  if (new URL(page.url()).pathname !== ROOM) await page.goto(BASE + ROOM);
  check((await page.locator('.chat-signed-in').textContent()).includes(who.name), `${who.name} is signed in on the room page`);
  return page;
}

try {
  mkdirSync(path.join(OUT, 'html'), { recursive: true });
  for (const [name, url] of [['chats', '/en/chats'], ['chat-room', ROOM], ['ru-chats', '/ru/chats']]) {
    const res = await fetch(BASE + url);
    check(res.ok, `${url} answers (HTTP ${res.status})`);
    writeFileSync(path.join(OUT, 'html', `${name}.html`), await res.text());
  }

  step('the edition links to its chat rooms');
  const listPage = await (await browser.newContext()).newPage();
  await listPage.goto(`${BASE}/en/`);
  await Promise.all([listPage.waitForURL(`${BASE}/en/chats`), listPage.getByRole('link', { name: 'Chats' }).first().click()]);
  await listPage.getByRole('link', { name: 'Town square' }).waitFor({ timeout: WAIT });
  await axe(listPage, 'chat rooms');

  step('two readers sign in from two browsers and open the same room');
  const [one, two] = [await signedInPage(READERS[0]), await signedInPage(READERS[1])];
  for (const page of [one, two]) {
    await page.locator('.chat-status').filter({ hasText: 'Live' }).waitFor({ timeout: WAIT });
    // A marker a reload would lose.
    await page.evaluate(() => { window.chatMarker = 'not reloaded'; });
  }

  step('each sees the other is there');
  for (const page of [one, two]) {
    await page.locator('[data-chat-presence]').filter({ hasText: '2 people here' }).waitFor({ timeout: WAIT });
  }

  step('each sends a message the other sees appear');
  const texts = [`Hello from the first reader (${stamp})`, `And hello back from the second (${stamp})`];
  for (const [from, to, text, who] of [[one, two, texts[0], READERS[0]], [two, one, texts[1], READERS[1]]]) {
    await from.getByLabel('Your message').fill(text);
    await from.getByRole('button', { name: 'Send' }).click();
    const arrived = to.locator('.chat-log .chat-message').filter({ hasText: text });
    await arrived.waitFor({ timeout: WAIT });
    check((await arrived.locator('.chat-author').textContent()) === who.name, `the message is signed ${who.name}`);
    await from.locator('.chat-log .chat-message').filter({ hasText: text }).waitFor({ timeout: WAIT });
    check(await from.getByLabel('Your message').inputValue() === '', 'the box is emptied once sent');
  }
  for (const page of [one, two]) {
    check(await page.evaluate(() => window.chatMarker) === 'not reloaded', 'messages arrived without a reload');
    const shown = await page.locator('.chat-log').textContent();
    check(texts.every((t) => shown.split(t).length === 2), 'each message is shown once');
  }

  step('a refused message is explained to its sender alone');
  const rude = `See https://a.example, https://b.example and https://c.example (${stamp})`;
  await one.getByLabel('Your message').fill(rude);
  await one.getByRole('button', { name: 'Send' }).click();
  await one.locator('[data-chat-error]').filter({ hasText: 'Too many links' }).waitFor({ timeout: WAIT });
  check(await one.getByLabel('Your message').inputValue() === rude, 'the refused text is kept');
  check(await two.locator('[data-chat-error]').isHidden(), 'the other reader sees no error');
  await axe(one, 'chat room (signed in)');
} catch (e) {
  problems.push(e.stack || String(e));
} finally {
  await browser.close();
}
if (problems.length) {
  console.error(`chats end to end: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
const total = ((Date.now() - started) / 1000).toFixed(1);
console.log(`chats end to end: passed in ${total} s, ${axeChecked} axe runs, 0 console errors`);
