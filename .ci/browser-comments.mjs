// Reader accounts and comments end to end in headless Chromium, on the demo
// site, with the mail caught by a small SMTP listener run here: reader A
// registers and confirms the address from the mailed link, comments on a
// story (held for review, as new accounts are) and a moderator approves it;
// reader B registers the same way, replies and reports A's comment; once
// the reply is approved A gets the reply mail; the moderator rejects A's
// comment from the reported queue, A gets the reason by mail and the comment
// leaves the story. Fails loudly at the first step that does not do what a
// user expects; axe and the console are checked on the way.
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

async function newPage(who) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${who}: page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${who}: console: ${m.text()} (${page.url()})`); });
  return page;
}

async function axe(page, name) {
  // Evaluated through the DevTools protocol: the site's CSP (no inline scripts) stays on.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
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
  const profile = await page.locator('main').textContent();
  check(profile.includes(`Signed in as ${who.email}`), `${who.name} is signed in`);
  check(profile.includes('confirmed') && !profile.includes('not confirmed'), `${who.name}'s address is confirmed`);
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

  step('comment', 'A comments on a story from its discussion box');
  await ada.goto(storyUrl);
  // The story's own (infinite scroll may load the next one below it).
  const discussion = ada.locator('.discussion').first();
  await ada.waitForFunction(() => document.querySelector('input[data-csrf]')?.value, null, { timeout: 10_000 });
  check(await discussion.locator('[data-signed-out]').isHidden(), 'the "log in or register" prompt is hidden for a signed-in reader');
  await discussion.getByLabel('Your comment').fill(COMMENT);
  await discussion.getByRole('button', { name: 'Post comment' }).click();
  await discussion.locator('.notice').waitFor({ timeout: 10_000 });
  check(ada.url() === storyUrl, 'the comment is sent without leaving the page');
  const held = await discussion.locator('.notice').textContent();
  check(held.includes('will appear once a moderator has approved it'), `a new account's comment is held for review (${held})`);
  check(await discussion.locator('.comment', { hasText: COMMENT }).count() === 0, 'a held comment is not shown yet');
  await ada.screenshot({ path: path.join(OUT, 'comments-held.png') });

  step('approve', 'the moderator logs in and approves it');
  const desk = await newPage('moderator');
  await desk.goto(`${BASE}/newsroom/`);
  await desk.getByLabel(/e-mail/i).fill(STAFF_EMAIL);
  await desk.getByLabel('Password').fill(STAFF_PASSWORD);
  await Promise.all([desk.waitForURL(`${BASE}/newsroom/`), desk.getByRole('button', { name: /log in/i }).click()]);
  await moderate(desk, 'pending', COMMENT, 'Approve');

  step('shown', 'A sees the comment on the story');
  await ada.reload();
  const mine = ada.locator('.discussion').first().locator('.comment', { hasText: COMMENT });
  check(await mine.count() === 1, "A's comment is on the story page");
  check((await mine.locator('.comment-author').textContent()) === A.name, 'under A\'s display name');
  const commentId = await mine.getAttribute('data-comment');

  step('register B', 'reader B registers and confirms the address');
  const bo = await newPage('reader B');
  await registerAndVerify(bo, B);

  step('reply', 'B replies to A on the comments page');
  await bo.goto(commentsUrl);
  const card = bo.locator(`#c${commentId}`);
  check((await card.locator('.comment-body').textContent()).includes(COMMENT), "B sees A's comment");
  await card.locator('details.comment-reply summary').click();
  await card.getByLabel(`Reply to ${A.name}`).fill(REPLY);
  await card.getByRole('button', { name: 'Post comment' }).click();
  await bo.locator('#comments .notice').waitFor({ timeout: 10_000 });
  const replyNotice = await bo.locator('#comments .notice').textContent();
  check(replyNotice.includes('will appear once a moderator has approved it'), `B's reply is held for review (${replyNotice})`);

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
