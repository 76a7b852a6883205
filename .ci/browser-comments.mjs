// Reader accounts and comments end to end in headless Chromium, on the demo
// site, with the mail caught by a small SMTP listener run here: reader A
// registers and confirms the address from the mailed link; in another
// browser, signed out, A reads the note on which comments a moderator reads
// first, types a comment, logs in from the discussion and finds the text
// back in the box, and sends it (held for review, as new accounts are); a
// moderator approves it. Reader B registers the same way, likes and answers
// A's comment on the article page itself, finds the current sort marked on
// the comments page and reports A's comment there; once the reply is
// approved A gets the reply mail and sees it nested under the comment. The
// discussion and the comments page are photographed at phone and desktop
// widths (and dark), checked for sideways overflow and by axe. Then the
// moderator rejects A's comment from the reported queue, A gets the reason
// by mail and the comment leaves the story. Fails loudly at the first step
// that does not do what a user expects; the console is checked on the way.
import { startSmtpSink } from './smtp-sink.mjs';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_DIR, 'node_modules', 'x.js'));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const BASE = process.env.BASE;
const OUT = process.env.OUT;
const SMTP_PORT = Number(process.env.SMTP_PORT);
const [STAFF_EMAIL, STAFF_PASSWORD] = readFileSync(process.env.LOGIN_FILE, 'utf8').trim().split('\n');
const EDITION = 'en';
const stamp = Date.now().toString(36);
const A = { name: `Ada ${stamp}`, email: `ada-${stamp}@readers.test` };
const B = { name: `Bo ${stamp}`, email: `bo-${stamp}@readers.test` };
const PASSWORD = `correct horse ${stamp}`;
const COMMENT = `The new timetable helps early commuters most. (${stamp})`;
const REPLY = `Not on the night buses, it does not. (${stamp})`;
const REPORT_NOTE = `Repeats a claim already corrected (${stamp})`;
const REJECT_REASON = `Off-topic and misleading (${stamp})`;
const MAIL_WAIT = 20_000;

const started = Date.now();
const timings = [];
let last = started;
// `name` labels the step's time in the summary line.
const step = (name, what) => {
  const now = Date.now();
  if (timings.length) timings[timings.length - 1].ms = now - last;
  timings.push({ name, ms: 0 });
  last = now;
  console.log(`step ${what}`);
};
function check(ok, what) { if (!ok) throw new Error(`check failed: ${what}`); }
async function api(url) {
  const res = await fetch(BASE + url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

// --- Mail: a loopback SMTP listener (smtp-sink.mjs) keeping every message. ---
const mail = await startSmtpSink(SMTP_PORT, { wait: MAIL_WAIT });
const { inbox } = mail;
const mailFor = (address, what, test) => mail.waitFor(address, what, test);


// --- The browser. ---
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
let axeChecked = 0;

async function newPage(who, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', ...options });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${who}: page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${who}: console: ${m.text()} (${page.url()})`); });
  return page;
}

async function axe(page, name, selector = null) {
  // Evaluated through the DevTools protocol: the site's CSP (no inline scripts) stays on.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async (only) => window.axe.run(only ? { include: [only] } : document,
    { resultTypes: ['violations'] }), selector);
  result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .forEach((v) => problems.push(`${name} axe ${v.impact}: ${v.id} ${v.help}`));
  axeChecked += 1;
}

// Registers `who` and confirms the address from the mailed link; the
// reader ends signed in.
async function registerAndVerify(page, who) {
  await page.goto(`${BASE}/account/register?edition=${EDITION}`);
  check(await page.getByRole('heading', { level: 1 }).textContent() === 'Create an account', 'the register page is shown');
  await page.getByLabel('E-mail address').fill(who.email);
  await page.getByLabel('Display name').fill(who.name);
  await page.getByLabel('Password (optional)').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your mail' }).waitFor({ timeout: 10_000 });
  check((await page.locator('.account-notice').textContent()).includes(who.email), 'it names the address the mail went to');
  const mail = await mailFor(who.email, `${who.name} gets a verification mail`, (m) => m.links.some((l) => l.includes('/account/verify')));
  check(mail.subject === 'Confirm your address', `the verification mail's subject (${mail.subject})`);
  const link = mail.links.find((l) => l.includes('/account/verify'));
  check(link.startsWith(BASE), `the link points at the site (${link})`);
  await page.goto(link);
  check(await page.getByRole('heading', { level: 1 }).textContent() === 'Confirm your address', 'the link opens a confirmation page');
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/account/verify')),
    page.getByRole('button', { name: 'Confirm my address' }).click()]);
  await page.goto(`${BASE}/account/?edition=${EDITION}`);
  // The address sits in Unicode isolation marks inside the sentence (it
  // may run the other way than the page): read the words without them.
  const profile = (await page.locator('main').textContent()).replace(/[\u2066-\u2069]/g, '');
  check(profile.includes(`Signed in as ${who.email}`), `${who.name} is signed in`);
  check(profile.includes('confirmed') && !profile.includes('not confirmed'), `${who.name}'s address is confirmed`);
}

// The page is no wider than the screen (nothing scrolls sideways).
async function noOverflow(page, what) {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  check(scroll <= client, `${what}: nothing sticks out sideways (${scroll} > ${client} px)`);
}

// The discussion of the story and the comments page, as `storage`'s reader
// sees them at `width`: screenshots, overflow, axe.
async function photograph(storage, width, storyUrl, commentsUrl, commentId, colorScheme = 'light') {
  const label = width < 600 ? 'phone' : 'desktop';
  const suffix = colorScheme === 'dark' ? '-dark' : '';
  const page = await newPage(`${label}${suffix}`, { viewport: { width, height: 900 }, storageState: storage, colorScheme });
  await page.goto(storyUrl);
  const discussion = page.locator('.discussion').first();
  await page.waitForFunction(() => document.querySelector('.discussion input[data-csrf]')?.value, null, { timeout: 10_000 });
  // With a reply box open, as a reader answering would see it.
  await discussion.locator(`#c${commentId} details.comment-reply summary`).click();
  await discussion.locator(`#c${commentId} details.comment-reply textarea`).waitFor();
  await noOverflow(page, `article discussion at ${width} px${suffix}`);
  await axe(page, `article discussion at ${width} px${suffix}`, '.discussion');
  await discussion.screenshot({ path: path.join(OUT, `discussion-article-${label}${suffix}.png`) });
  await page.goto(commentsUrl);
  await page.locator('#comments').waitFor();
  await noOverflow(page, `comments page at ${width} px${suffix}`);
  await axe(page, `comments page at ${width} px${suffix}`);
  await page.screenshot({ path: path.join(OUT, `discussion-page-${label}${suffix}.png`), fullPage: true });
  await page.context().close();
}

async function moderate(page, queue, text, button, reason) {
  await page.goto(`${BASE}/newsroom/moderation${queue === 'pending' ? '' : `?queue=${queue}`}`);
  const item = page.locator('.moderation-item', { hasText: text });
  check(await item.count() === 1, `the ${queue} queue lists the comment "${text}"`);
  if (reason) await item.getByLabel('Reason', { exact: true }).first().fill(reason);
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/newsroom/moderation/')),
    item.getByRole('button', { name: button }).click(),
  ]);
  check(answer.status() === 303, `${button} is accepted (HTTP ${answer.status()})`);
  await page.waitForURL((u) => u.pathname === '/newsroom/moderation');
  await page.waitForLoadState();
  check(await page.getByRole('heading', { level: 1 }).textContent() === 'Moderation', 'back on the moderation queue');
  check(await page.locator('.moderation-item', { hasText: text }).count() === 0, `the comment leaves the ${queue} queue`);
  return item;
}

try {
  const story = (await api(`/api/v1/editions/${EDITION}/articles?limit=3`)).items[0];
  const storyUrl = `${BASE}${new URL(story.url).pathname}`;
  const commentsUrl = `${storyUrl}/comments`;

  step('register A', 'reader A registers and confirms the address from the mail');
  const ada = await newPage('reader A');
  await registerAndVerify(ada, A);

  step('draft', 'signed out, A reads the moderation note, types, logs in from the discussion and finds the text back');
  const away = await newPage('reader A, second browser');
  await away.goto(storyUrl);
  const box = away.locator('.discussion').first();
  const note = box.locator('.comment-form .comment-moderation');
  check(await note.isVisible(), 'the box says which comments a moderator reads first');
  const noteText = (await note.textContent()).trim();
  check(noteText === 'If your account is less than 24 hours old, a moderator reads your comments before they appear.',
    `the note says what the rule does (${noteText})`);
  // Signed out (known once /account/me answered): sending will ask to log in.
  await box.locator('.comment-form [data-when-signed-out]').waitFor({ state: 'visible', timeout: 10_000 });
  check(await box.locator('[data-signed-out]').first().isVisible(), 'the "log in or register" prompt is shown to a signed-out reader');
  const field = box.getByLabel('Your comment');
  const before = await field.evaluate((t) => t.offsetHeight);
  await field.fill(`${COMMENT}\n\nAnd a second paragraph,\nwith a third line,\nand a fourth,\nand a fifth,\nand a sixth.`);
  check(await field.evaluate((t) => t.offsetHeight) > before, 'the box grows with the text');
  await field.fill(COMMENT);
  await Promise.all([away.waitForURL((u) => u.pathname === '/account/login'), box.locator('a[data-login]').click()]);
  await away.getByLabel('E-mail address').fill(A.email);
  await away.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await Promise.all([away.waitForURL((u) => u.pathname === new URL(storyUrl).pathname),
    away.getByRole('button', { name: 'Log in' }).click()]);
  check(new URL(away.url()).hash === '#discussion', `back at the story's discussion (${away.url()})`);
  await away.waitForFunction(() => document.querySelector('.discussion input[data-csrf]')?.value, null, { timeout: 10_000 });
  check(await box.locator('[data-signed-out]').first().isHidden(), 'the "log in or register" prompt is hidden once signed in');
  check(await box.getByLabel('Your comment').inputValue() === COMMENT, 'what A typed before logging in is back in the box');

  step('comment', 'A sends it from the story, without leaving the page');
  await box.getByRole('button', { name: 'Post comment' }).click();
  await box.locator('.comment-status .notice').waitFor({ timeout: 10_000 });
  check(away.url().startsWith(storyUrl), 'the comment is sent without leaving the page');
  const held = await box.locator('.comment-status .notice').textContent();
  check(held.includes('will appear once a moderator has approved it'), `a new account's comment is held for review (${held})`);
  check(await box.locator('.comment-status').getAttribute('role') === 'status', 'the notice is announced (role=status)');
  check(await box.locator('.comment', { hasText: COMMENT }).count() === 0, 'a held comment is not shown yet');
  await box.screenshot({ path: path.join(OUT, 'comments-held.png') });
  check(await away.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('dateline.comment-draft:')).length) === 0,
    'the draft is forgotten once sent');
  await away.reload();
  check(await away.locator('.discussion').first().getByLabel('Your comment').inputValue() === '', 'and does not come back');

  step('approve', 'the moderator logs in and approves it');
  const desk = await newPage('moderator');
  await desk.goto(`${BASE}/newsroom/`);
  await desk.getByLabel(/e-mail/i).fill(STAFF_EMAIL);
  await desk.getByLabel('Password').fill(STAFF_PASSWORD);
  await Promise.all([desk.waitForURL(`${BASE}/newsroom/`), desk.getByRole('button', { name: /log in/i }).click()]);
  await moderate(desk, 'pending', COMMENT, 'Approve');

  step('shown', 'A sees the comment on the story');
  await ada.goto(storyUrl);
  const mine = ada.locator('.discussion').first().locator('.comment', { hasText: COMMENT });
  check(await mine.count() === 1, "A's comment is on the story page");
  check((await mine.locator('.comment-author').textContent()) === A.name, 'under A\'s display name');
  const commentId = await mine.getAttribute('data-comment');

  step('register B', 'reader B registers and confirms the address');
  const bo = await newPage('reader B');
  await registerAndVerify(bo, B);

  step('like', "B likes A's comment on the article page itself");
  await bo.goto(storyUrl);
  const boBox = bo.locator('.discussion').first();
  await bo.waitForFunction(() => document.querySelector('.discussion input[data-csrf]')?.value, null, { timeout: 10_000 });
  const aCard = boBox.locator(`#c${commentId}`);
  check((await aCard.locator('.comment-avatar').textContent()).trim() === A.name[0].toUpperCase(), "the card shows the initial of A's name");
  await aCard.getByRole('button', { name: 'Like', exact: true }).click();
  await aCard.locator('.comment-liked').waitFor({ timeout: 10_000 });
  check((await aCard.locator('.comment-liked').textContent()).trim() === 'You like this', 'the card says B likes it');
  check((await aCard.locator('.comment-likes').textContent()).trim() === '1 like', 'and counts the like');
  check(bo.url() === storyUrl, 'liked without leaving the story');

  step('reply', 'B answers A on the article page itself');
  await aCard.locator('details.comment-reply summary').click();
  // The name is isolated (U+2068…U+2069) inside the label, as in every sentence.
  await aCard.getByLabel(`Reply to \u2068${A.name}\u2069`).fill(REPLY);
  await aCard.getByRole('button', { name: 'Post comment' }).click();
  await boBox.locator('.comment-status .notice').waitFor({ timeout: 10_000 });
  const replyNotice = await boBox.locator('.comment-status .notice').textContent();
  check(replyNotice.includes('will appear once a moderator has approved it'), `B's reply is held for review (${replyNotice})`);
  check(await boBox.locator(`#c${commentId} + .notice-inline`).isVisible(), "and says so under A's comment");
  check(bo.url() === storyUrl, 'answered without leaving the story');

  step('sort', 'the comments page marks the current sort');
  await bo.goto(commentsUrl);
  const sorts = bo.locator('nav.comment-sorts');
  const current = sorts.locator('a[aria-current="page"]');
  check(await current.count() === 1 && (await current.textContent()).trim() === 'Newest', 'Newest is the current sort');
  const looks = (link) => link.evaluate((a) => `${getComputedStyle(a).backgroundColor} ${getComputedStyle(a).color}`);
  check(await looks(current) !== await looks(sorts.locator('a:not([aria-current])').first()), 'the current sort looks different from the others');
  await Promise.all([bo.waitForURL(/sort=oldest/), sorts.getByRole('link', { name: 'Oldest' }).click()]);
  check((await bo.locator('nav.comment-sorts a[aria-current="page"]').textContent()).trim() === 'Oldest', 'Oldest is marked once chosen');
  await bo.goto(commentsUrl);
  const card = bo.locator(`#c${commentId}`);
  check((await card.locator('.comment-body').textContent()).includes(COMMENT), "B sees A's comment");

  step('report', "B reports A's comment");
  const again = bo.locator(`#c${commentId}`);
  await again.locator('details.comment-report summary').click();
  await again.getByLabel('False information').check();
  await again.getByLabel('Anything moderators should know (optional)').fill(REPORT_NOTE);
  await Promise.all([bo.waitForURL(/done=reported/), again.getByRole('button', { name: 'Send report' }).click()]);
  check((await bo.locator('#comments .notice').textContent()).includes('The moderators will look at this comment'), 'the report is acknowledged');
  await axe(bo, 'comments page (reader B)');
  await bo.screenshot({ path: path.join(OUT, 'comments-page.png'), fullPage: true });

  step('reply mail', 'the moderator approves the reply; A gets the reply mail');
  await moderate(desk, 'pending', REPLY, 'Approve');
  const replyMail = await mailFor(A.email, 'A gets a mail about the reply', (m) => m.text.includes(REPLY));
  check(replyMail.subject === `${B.name} replied to your comment`, `the reply mail's subject (${replyMail.subject})`);
  const storyLink = replyMail.links.find((l) => l.startsWith(storyUrl));
  check(Boolean(storyLink), `the reply mail links to the story (${replyMail.links.join(' ')})`);
  await ada.goto(storyLink);
  check(await ada.locator('.comment', { hasText: REPLY }).count() === 1, 'the mailed link shows the reply');

  step('nested', "the reply is nested under A's comment on the article page");
  // Reloaded: the browser may keep the page it saw a minute ago (max-age).
  await ada.goto(storyUrl);
  await ada.reload();
  const parent = ada.locator('.discussion').first().locator(`#c${commentId}`);
  const nested = ada.locator('.discussion').first().locator(`#c${commentId} + .comment-replies .comment`, { hasText: REPLY });
  check(await nested.count() === 1, "the reply is in the thread of A's comment");
  const [outer, inner] = [await parent.boundingBox(), await nested.boundingBox()];
  check(inner.x >= outer.x + 12, `and indented under it (${outer.x} → ${inner.x})`);

  step('looks', 'the discussion and the comments page at phone and desktop widths, light and dark');
  const boState = await bo.context().storageState();
  await photograph(boState, 375, storyUrl, commentsUrl, commentId);
  await photograph(boState, 1280, storyUrl, commentsUrl, commentId);
  await photograph(boState, 375, storyUrl, commentsUrl, commentId, 'dark');

  step('reject', "the moderator rejects A's comment from the reported queue");
  await desk.goto(`${BASE}/newsroom/moderation?queue=reported`);
  const reported = desk.locator('.moderation-item', { hasText: COMMENT });
  check(await reported.count() === 1, 'the reported queue lists the comment');
  const reportText = await reported.textContent();
  check(reportText.includes('False information') && reportText.includes(REPORT_NOTE), 'with the reason and note of the report');
  await desk.screenshot({ path: path.join(OUT, 'moderation-reported.png'), fullPage: true });
  await axe(desk, 'moderation queue');
  await moderate(desk, 'reported', COMMENT, 'Reject', REJECT_REASON);

  step('rejection mail', 'A gets the reason by mail; the comment leaves the story');
  const rejected = await mailFor(A.email, 'A gets the rejection mail', (m) => m.subject === 'Your comment was not published');
  check(rejected.text.includes(REJECT_REASON), 'the rejection mail gives the reason');
  check(rejected.text.includes(COMMENT), 'and quotes the comment');
  await ada.goto(storyUrl);
  const reloaded = await ada.reload();
  check(reloaded.ok() && (await ada.locator('.discussion').first().isVisible()), 'the story and its discussion are shown');
  check(await ada.locator('.discussion').first().locator('.comment', { hasText: COMMENT }).count() === 0, "A's comment is no longer on the story page");
  check((await ada.goto(commentsUrl)).ok(), 'the comments page is shown');
  check(await ada.locator('.comment', { hasText: COMMENT }).count() === 0, 'nor on the comments page');
  await axe(ada, 'comments page (reader A)');
  await ada.screenshot({ path: path.join(OUT, 'comments-after-rejection.png'), fullPage: true });
  step('done', 'done');
} finally {
  await browser.close();
  mail.close();
}
if (problems.length) {
  console.error(`comments end to end: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
const total = ((Date.now() - started) / 1000).toFixed(1);
const steps = timings.filter((t) => t.name !== 'done').map((t) => `${t.name} ${(t.ms / 1000).toFixed(1)}`).join(', ');
console.log(`comments end to end: passed in ${total} s (${steps} s), ${inbox.length} mails, ${axeChecked} axe runs, 0 console errors`);
