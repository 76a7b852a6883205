// Chats end to end in headless Chromium, on the demo site: the two demo
// readers sign in from two separate browser contexts, open the same room,
// see each other there (presence 2), and each sends a message the other
// sees appear without a reload. Then what a reader sees of the room: their
// own messages on the inline-end side and tinted (on the start side in a
// right-to-left page), a composer that grows with its text, a log that
// stays where the reader is (a message arriving while they read above
// shows a "New messages" button that jumps down), the "New since your
// last visit" divider on returning, and a phone layout without sideways
// scrolling. axe (light and dark) and the console are checked on the way,
// screenshots of the list and of a room at 375 and 1280 px are kept, and
// the served room pages are saved for the HTML validator.
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

// Whether `locator`'s element lies inside the chat log's visible part.
async function inLogView(locator) {
  return locator.evaluate((el) => {
    const log = el.closest('.chat-log').getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return r.top >= log.top - 1 && r.bottom <= log.bottom + 1;
  });
}

// Pixels between the end of the log's content and the bottom of its view.
async function belowView(page) {
  return page.locator('.chat-log').evaluate((log) =>
    log.firstElementChild.getBoundingClientRect().bottom - log.getBoundingClientRect().bottom);
}

// Sends `text` from `page` with Enter and waits until its log shows it.
async function send(page, text) {
  const box = page.getByLabel('Your message');
  await box.fill(text);
  await box.press('Enter');
  const first = text.split('\n')[0];
  await page.locator('.chat-log .chat-message').filter({ hasText: first }).waitFor({ timeout: WAIT });
  await page.waitForFunction(() => document.querySelector('#chat-body').value === '', null, { timeout: WAIT });
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

  // The signed-in page (with its form) for the HTML validator, as served.
  const served = await one.request.get(BASE + ROOM);
  check(served.ok(), `the signed-in room answers (HTTP ${served.status()})`);
  writeFileSync(path.join(OUT, 'html', 'chat-room-signed-in.html'), await served.text());

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
  await one.getByLabel('Your message').fill('');

  step('own messages sit on the inline-end side, tinted; the others\' on the start side');
  for (const [page, own, other] of [[one, texts[0], texts[1]], [two, texts[1], texts[0]]]) {
    const log = await page.locator('.chat-log').boundingBox();
    const mine = page.locator('.chat-log .chat-message').filter({ hasText: own });
    const theirs = page.locator('.chat-log .chat-message').filter({ hasText: other });
    check(await mine.evaluate((li) => li.classList.contains('is-mine')), 'the own message is marked');
    check(!(await theirs.evaluate((li) => li.classList.contains('is-mine'))), 'the other reader\'s is not');
    const a = await mine.locator('.chat-bubble').boundingBox();
    const b = await theirs.locator('.chat-bubble').boundingBox();
    check(log.x + log.width - (a.x + a.width) < 40 && a.x > log.x + log.width / 3, `the own bubble is at the end side (${JSON.stringify(a)} in ${JSON.stringify(log)})`);
    check(b.x - log.x < 70 && b.x + b.width < log.x + log.width - 40, `the other's bubble is at the start side (${JSON.stringify(b)})`);
    const colours = await page.evaluate(([x, y]) => [x, y].map((li) =>
      getComputedStyle(li.querySelector('.chat-bubble')).backgroundColor), [await mine.elementHandle(), await theirs.elementHandle()]);
    check(colours[0] !== colours[1], `own and others' bubbles differ in colour (${colours})`);
    check(await theirs.locator('.chat-author').isVisible(), 'the other reader is named');
    check(await page.locator('.chat-unread').count() === 0, 'a first visit has no "new since" divider');
  }

  step('the composer grows with its text, up to a limit, and Shift+Enter starts a line');
  const box = two.getByLabel('Your message');
  const height = async () => (await box.boundingBox()).height;
  const empty = await height();
  await box.fill('one');
  await box.press('Shift+Enter');
  await box.pressSequentially('two');
  check(await box.inputValue() === 'one\ntwo', 'Shift+Enter adds a line and sends nothing');
  await box.fill('one\ntwo\nthree\nfour');
  const four = await height();
  check(four > empty + 40, `four lines make the box taller (${empty} → ${four})`);
  await box.fill(Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n'));
  const many = await height();
  check(many > four && many <= 170, `the box stops growing (${many})`);
  check(await box.evaluate((el) => el.scrollHeight > el.clientHeight), 'and scrolls beyond that');

  step('tall messages: the sender\'s log follows them, the box shrinks back');
  for (let n = 1; n <= 3; n += 1) {
    const tall = [`Tall message ${n} (${stamp})`, ...Array.from({ length: 7 }, (_, i) => `and line ${i + 2}`)].join('\n');
    await send(two, tall);
    check(Math.abs(await belowView(two)) < 40, `the sender sees their message ${n} at the bottom`);
  }
  check(Math.abs(await height() - empty) < 2, 'the emptied box is back to one line');
  await one.locator('.chat-log .chat-message').filter({ hasText: `Tall message 3 (${stamp})` }).waitFor({ timeout: WAIT });
  check(Math.abs(await belowView(one)) < 40, 'a reader at the bottom follows new messages');

  step('scrolled up, a new message waits behind the "New messages" button');
  const log2 = two.locator('.chat-log');
  check(await log2.evaluate((el) => el.scrollHeight > el.clientHeight + 200), 'the log scrolls');
  await log2.evaluate((el) => { el.scrollTop -= 100000; });
  const top = two.locator('.chat-log .chat-message').first();
  await two.waitForFunction(() => document.querySelector('.chat-log .chat-message').getBoundingClientRect().top >=
    document.querySelector('.chat-log').getBoundingClientRect().top, null, { timeout: WAIT });
  const before = (await top.boundingBox()).y;
  const jumpButton = two.getByRole('button', { name: 'New messages' });
  check(await jumpButton.isHidden(), 'no button while nothing new came');
  const meanwhile = `While you were reading above (${stamp})`;
  await send(one, meanwhile);
  await jumpButton.waitFor({ timeout: WAIT });
  const arrived = two.locator('.chat-log .chat-message').filter({ hasText: meanwhile });
  check(await arrived.count() === 1, 'the message is in the log');
  check(!(await inLogView(arrived)), 'but below the view');
  check(Math.abs((await top.boundingBox()).y - before) < 2, 'what the reader was reading did not move');
  await jumpButton.click();
  await jumpButton.waitFor({ state: 'hidden', timeout: WAIT });
  check(await inLogView(arrived), 'the button brings the new message into view');

  step('returning, a divider marks what came since the last visit');
  await two.goto(`${BASE}/en/chats`);
  const away = `Posted while you were away (${stamp})`;
  await send(one, away);
  await two.goto(BASE + ROOM);
  const divider = two.locator('.chat-unread');
  await divider.waitFor({ timeout: WAIT });
  check(await divider.count() === 1, 'one divider');
  check((await divider.textContent()).trim() === 'New since your last visit', 'the divider says what it marks');
  const marked = two.locator('.chat-log .chat-message').filter({ has: divider });
  check((await marked.locator('.chat-body').textContent()) === away, 'the divider is just before the first new message');
  check(await inLogView(divider) && await inLogView(marked.locator('.chat-body')), 'the room opens at the divider');
  check(!(await two.locator('.chat-log .chat-message').filter({ hasText: meanwhile }).locator('.chat-unread').count()), 'what was seen is not marked');

  step('on a phone: the log full width, the composer at hand, nothing scrolls sideways');
  await send(two, `Good to see you back (${stamp})`);
  const phoneContext = await browser.newContext({
    viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    locale: 'en-GB', storageState: await one.context().storageState(),
  });
  const phone = await phoneContext.newPage();
  phone.on('pageerror', (e) => problems.push(`phone: page error: ${e.message}`));
  phone.on('console', (m) => { if (m.type() === 'error') problems.push(`phone: console: ${m.text()} (${phone.url()})`); });
  await phone.goto(BASE + ROOM);
  await phone.locator('.chat-status').filter({ hasText: 'Live' }).waitFor({ timeout: WAIT });
  const phoneLog = await phone.locator('.chat-log').boundingBox();
  const screenWidth = await phone.evaluate(() => document.documentElement.clientWidth);
  check(phoneLog.width >= screenWidth - 1, `the log is full width (${phoneLog.width} of ${screenWidth})`);
  const composer = await phone.locator('.chat-composer').boundingBox();
  const screen = await phone.evaluate(() => window.innerHeight);
  check(composer.y >= 0 && composer.y + composer.height <= screen + 1, `the composer is on screen (${JSON.stringify(composer)} in ${screen} px)`);
  const newest = await phone.locator('.chat-log .chat-message').last().locator('.chat-bubble').boundingBox();
  check(newest.y + newest.height <= composer.y + 1, 'the newest message is not under the composer');
  const ownSide = () => phone.locator('.chat-log .chat-message.is-mine').last().locator('.chat-bubble').evaluate((el) => {
    const r = el.getBoundingClientRect();
    const log = el.closest('.chat-log').getBoundingClientRect();
    return { start: r.left - log.left, end: log.right - r.right };
  });
  const ltr = await ownSide();
  check(ltr.end < 30 && ltr.start > 60, `own messages on the right in a left-to-right page (${JSON.stringify(ltr)})`);
  await phone.screenshot({ path: path.join(OUT, 'chat-room-phone.png') });
  // Whatever overflows is named (the masthead is shared with every page).
  const overflow = () => phone.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')].filter((el) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || (r.right <= width + 0.5 && r.left >= -0.5)) return false;
      // Inside a sideways scroller of its own (the sections bar): fine.
      for (let p = el.parentElement; p; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible' && p.getBoundingClientRect().right <= width + 0.5) return false;
      }
      return true;
    }).slice(0, 3).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    return { width: window.innerWidth, scroll: document.documentElement.scrollWidth, wide };
  });
  const ltrOverflow = await overflow();
  if (ltrOverflow.width !== 375 || ltrOverflow.scroll > 375) {
    problems.push(`chat room (phone): wider than 375 px: ${JSON.stringify(ltrOverflow)}`);
  }
  await axe(phone, 'chat room (phone)');
  await phone.emulateMedia({ colorScheme: 'dark' });
  await axe(phone, 'chat room (phone, dark)');
  await phone.emulateMedia({ colorScheme: 'light' });
  await phone.evaluate(() => { document.documentElement.dir = 'rtl'; });
  const rtl = await ownSide();
  check(rtl.start < 30 && rtl.end > 60, `own messages on the left in a right-to-left page (${JSON.stringify(rtl)})`);
  const rtlOverflow = await overflow();
  if (rtlOverflow.width !== 375 || rtlOverflow.scroll > 375) {
    problems.push(`chat room (phone, right to left): wider than 375 px: ${JSON.stringify(rtlOverflow)}`);
  }
  await phoneContext.close();

  step('screenshots: the room and the list on a desktop');
  await one.screenshot({ path: path.join(OUT, 'chat-room-desktop.png') });
  await listPage.setViewportSize({ width: 1280, height: 900 });
  await listPage.goto(`${BASE}/en/chats`);
  check((await listPage.locator('.chat-room-card').first().locator('.chat-room-activity').textContent()).includes('Last message'), 'the room card tells when it last spoke');
  await listPage.screenshot({ path: path.join(OUT, 'chat-list-desktop.png') });
  await axe(listPage, 'chat rooms (with activity)');
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
