// The newsletter subscribe page end to end in headless Chromium, in every
// edition of the demo site (English and Russian), with the mail caught by
// the SMTP listener of smtp-sink.mjs: a reader opens the page from the
// masthead's Subscribe menu, finds it in the edition's language, ticks the
// daily digest and breaking news, types an address and subscribes; the
// confirmation mail (multipart, in the edition's language) arrives, its
// link opens the confirm page, whose button subscribes; the preferences
// link of the confirmed page shows both lists ticked, one is unticked and
// saved, and stays unticked after a reload. A refused form (no list
// ticked) keeps the typed address. Every text expected is read from the
// edition's catalog (crates/render/locales/{lang}-newsletters.ftl), so the
// check is that each page speaks the edition's language. Fails loudly at
// the first step that does not do what a reader expects; axe, the console,
// failed requests and error answers are checked on the way.
import { startSmtpSink } from './smtp-sink.mjs';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(path.join(process.env.NODE_DIR, 'node_modules', 'x.js'));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const BASE = process.env.BASE;
const OUT = process.env.OUT;
const SMTP_PORT = Number(process.env.SMTP_PORT);
const LOCALES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'crates', 'render', 'locales');
const stamp = Date.now().toString(36);
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

// The one-line messages of a Fluent file (multi-line ones, with select
// expressions, are not needed here); `{ $name }` placeables are filled
// from `args`. A message the file does not have fails the check.
function catalog(file) {
  const messages = new Map();
  for (const line of readFileSync(path.join(LOCALES, file), 'utf8').split('\n')) {
    const m = /^([a-zA-Z][\w-]*) = (.+)$/.exec(line);
    if (m && !m[2].trimEnd().endsWith('->')) messages.set(m[1], m[2].trim());
  }
  return (key, args = {}) => {
    check(messages.has(key), `${file} has the message ${key}`);
    return messages.get(key).replace(/\{ *\$(\w+) *\}/g, (_, name) => String(args[name]));
  };
}

// --- Mail: a loopback SMTP listener (smtp-sink.mjs) keeping every message. ---
const mail = await startSmtpSink(SMTP_PORT, { wait: MAIL_WAIT });
const { inbox } = mail;

// --- The browser. ---
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
let axeChecked = 0;
let screenshots = 0;
// An error answer a step provokes on purpose (the refused form): `path`
// and `status`; neither the answer nor its console line is a problem.
let expected = null;

// A fresh browser (no cookies) for `who`, in `locale`; its console errors,
// page errors, failed requests and error answers are problems. A request
// the browser abandons because the page moved on (ERR_ABORTED) is not a
// failure.
async function newPage(who, locale) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${who}: page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Chromium logs an error answer to the console too.
    const at = m.location().url ? new URL(m.location().url).pathname : '';
    if (expected && at === expected.path && m.text().includes(`status of ${expected.status}`)) return;
    problems.push(`${who}: console: ${m.text()} (${page.url()})`);
  });
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText || '';
    if (!error.includes('ERR_ABORTED')) problems.push(`${who}: request failed: ${r.url()} ${error}`);
  });
  page.on('response', (r) => {
    if (r.status() < 400) return;
    const url = new URL(r.url());
    if (expected && url.pathname === expected.path && r.status() === expected.status) return;
    problems.push(`${who}: HTTP ${r.status()}: ${r.url()}`);
  });
  return page;
}

async function axe(page, name) {
  // Evaluated through the DevTools protocol: the site's CSP (no inline scripts) stays on.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .forEach((v) => problems.push(`${name} axe ${v.impact}: ${v.id} ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`));
  axeChecked += 1;
}

async function shoot(page, name) {
  await page.screenshot({ path: path.join(OUT, `newsletter-${name}.png`), fullPage: true });
  screenshots += 1;
}

const h1 = async (page) => (await page.getByRole('heading', { level: 1 }).textContent()).trim();
const lang = (page) => page.evaluate(() => document.documentElement.lang);

// The page is `title` (its h1) in the edition's language.
async function onPage(page, edition, title, what) {
  await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor({ timeout: 10_000 });
  check(await lang(page) === edition.language, `${what}: <html lang> is "${edition.language}" (${await lang(page)})`);
}

// One edition, start to end, for a reader with an address of its own.
async function walk(edition) {
  const { code, language, name } = edition;
  const t = catalog(`${language}-newsletters.ftl`);
  const site = catalog(`${language}.ftl`);
  const who = `reader (${code})`;
  const email = `nl-${code}-${stamp}@readers.test`;
  const subscribePath = `/${code}/newsletter`;
  const digest = t('newsletter-list-digest', { edition: name });
  const breaking = t('newsletter-list-breaking');

  step(`${code} menu`, `${code}: the front page's Subscribe menu leads to the subscribe page`);
  const page = await newPage(who, language === 'ru' ? 'ru-RU' : 'en-GB');
  await page.goto(`${BASE}/${code}/`);
  check(await lang(page) === language, `${code}: the front page is in ${language}`);
  const menu = page.locator('header.masthead details.subscribe');
  check((await menu.locator('summary').textContent()).trim() === site('subscribe'), `${code}: the masthead has the "${site('subscribe')}" menu`);
  await menu.locator('summary').click();
  const link = menu.getByRole('link', { name: t('subscribe-newsletter'), exact: true });
  check(await link.isVisible(), `${code}: the open Subscribe menu shows "${t('subscribe-newsletter')}" (it has: ${(await menu.locator('a').allTextContents()).join(' | ')})`);
  await Promise.all([page.waitForURL((u) => u.pathname === subscribePath), link.click()]);
  await onPage(page, edition, t('newsletter-title'), `${code} subscribe page`);
  check((await page.locator('.newsletter-intro').textContent()).includes(name), `${code}: the intro names the edition (${name})`);
  // newsletter.js shows the web push box where the browser has push:
  // notifications are off, so only the button that turns them on shows.
  const push = page.locator('[data-push]');
  await push.waitFor({ state: 'visible', timeout: 10_000 });
  await push.locator('[data-push-state]').filter({ hasText: t('newsletter-push-state-off') }).waitFor({ timeout: 10_000 });
  check((await push.getByRole('heading', { level: 2 }).textContent()).trim() === t('newsletter-push-heading'), `${code}: the push box is headed "${t('newsletter-push-heading')}"`);
  check(await push.getByRole('button', { name: t('newsletter-push-on'), exact: true }).isVisible(), `${code}: "${t('newsletter-push-on')}" shows`);
  check(await push.locator('[data-push-off]').isHidden(), `${code}: "${t('newsletter-push-off')}" is hidden while notifications are off`);
  await axe(page, `${code} subscribe page`);
  await shoot(page, `${code}-subscribe`);

  step(`${code} subscribe`, `${code}: ticks the digest and breaking news, types ${email} and subscribes`);
  await page.getByLabel(digest, { exact: true }).check();
  await page.getByLabel(breaking, { exact: true }).check();
  await page.getByLabel(t('newsletter-email'), { exact: true }).fill(email);
  // The answer is on the form's own address: awaited by its heading.
  await page.getByRole('button', { name: t('newsletter-submit'), exact: true }).click();
  await onPage(page, edition, t('newsletter-sent-title'), `${code} check-your-mail page`);
  check(new URL(page.url()).pathname === subscribePath, `${code}: the form posts to ${subscribePath}`);
  check((await page.locator('.newsletter-intro').textContent()).includes(email), `${code}: "check your mail" names ${email}`);
  check(await page.getByLabel(t('newsletter-code'), { exact: true }).isVisible(), `${code}: the page offers the code field`);
  await axe(page, `${code} check-your-mail page`);
  await shoot(page, `${code}-sent`);

  step(`${code} mail`, `${code}: the confirmation mail arrives, multipart and in ${language}`);
  const confirmPath = `/${code}/newsletter/confirm`;
  const letter = await mail.waitFor(email, `${code}: the confirmation mail`,
    (m) => m.links.some((l) => new URL(l).pathname === confirmPath));
  check(/^multipart\/alternative/i.test(letter.headers['content-type'] || ''), `${code}: the mail is multipart/alternative (${letter.headers['content-type']})`);
  const plain = letter.parts.find((p) => p.type === 'text/plain');
  const html = letter.parts.find((p) => p.type === 'text/html');
  check(plain && html, `${code}: the mail has a text and an HTML part (${letter.parts.map((p) => p.type).join(', ')})`);
  check(letter.subject === t('mail-newsletter_confirm-subject'), `${code}: the subject is "${t('mail-newsletter_confirm-subject')}" (${letter.subject})`);
  for (const [partName, part] of [['text', plain], ['HTML', html]]) {
    check(part.text.includes(t('mail-newsletter_confirm-text')), `${code}: the ${partName} part says "${t('mail-newsletter_confirm-text')}"`);
    check(part.text.includes(digest) && part.text.includes(breaking), `${code}: the ${partName} part names both lists`);
    check(/\b\d{6}\b/.test(part.text), `${code}: the ${partName} part gives the six-digit code`);
  }
  check(html.text.includes(`lang="${language}"`), `${code}: the HTML part is marked lang="${language}"`);
  check(html.text.includes(t('mail-newsletter_confirm-button')), `${code}: the HTML part's button says "${t('mail-newsletter_confirm-button')}"`);
  const confirmLink = letter.links.find((l) => new URL(l).pathname === confirmPath);
  check(confirmLink.startsWith(BASE), `${code}: the link points at the site (${confirmLink})`);

  step(`${code} confirm`, `${code}: the mailed link opens the confirm page; its button subscribes`);
  await page.goto(confirmLink);
  await onPage(page, edition, t('newsletter-confirm-title'), `${code} confirm page`);
  await Promise.all([page.waitForURL((u) => u.pathname === confirmPath && !u.search),
    page.getByRole('button', { name: t('newsletter-confirm-button'), exact: true }).click()]);
  await onPage(page, edition, t('newsletter-confirmed-title'), `${code} confirmed page`);
  check((await page.locator('.newsletter-intro').textContent()).trim() === t('newsletter-confirmed-text'), `${code}: the confirmed page says "${t('newsletter-confirmed-text')}"`);
  await axe(page, `${code} confirmed page`);
  await shoot(page, `${code}-confirmed`);

  step(`${code} preferences`, `${code}: the preferences link shows both lists ticked; breaking news is unticked and saved`);
  const preferencesPath = `/${code}/newsletter/preferences`;
  await Promise.all([page.waitForURL((u) => u.pathname === preferencesPath),
    page.getByRole('link', { name: t('newsletter-preferences-link'), exact: true }).click()]);
  await onPage(page, edition, t('newsletter-preferences-title'), `${code} preferences page`);
  const preferencesUrl = page.url();
  check(new URL(preferencesUrl).searchParams.get('s'), `${code}: the preferences address carries the key`);
  check((await page.locator('.newsletter-intro').textContent()).includes(email), `${code}: the preferences page names ${email}`);
  // This edition's lists come first, under its name.
  const mine = page.locator('fieldset.newsletter-lists').first();
  check((await mine.locator('legend').textContent()).trim() === name, `${code}: the first lists are the edition's own (${name})`);
  const ticked = async () => Object.fromEntries(await Promise.all(
    [['digest', digest], ['breaking', breaking]].map(async ([k, label]) => [k, await mine.getByLabel(label, { exact: true }).isChecked()])));
  let now = await ticked();
  check(now.digest && now.breaking, `${code}: both lists are ticked after confirming (${JSON.stringify(now)})`);
  const others = await mine.locator('input[type=checkbox]:checked').count();
  check(others === 2, `${code}: only the two lists chosen are ticked (${others})`);
  await axe(page, `${code} preferences page`);
  await shoot(page, `${code}-preferences`);
  await mine.getByLabel(breaking, { exact: true }).uncheck();
  // The answer is on the page's own address: awaited by its notice.
  await page.getByRole('button', { name: t('newsletter-save'), exact: true }).click();
  await page.locator('.newsletter-notice').filter({ hasText: t('newsletter-saved') }).waitFor({ timeout: 10_000 });
  check(await lang(page) === language, `${code}: the saved page is in ${language}`);
  now = await ticked();
  check(now.digest && !now.breaking, `${code}: the saved page shows breaking news unticked (${JSON.stringify(now)})`);
  // A reload as a reader does it from the address bar (GET, not the form again).
  await page.goto(preferencesUrl);
  await onPage(page, edition, t('newsletter-preferences-title'), `${code} preferences page, reloaded`);
  check(await page.locator('.newsletter-notice').count() === 0, `${code}: no "saved" notice on a plain visit`);
  now = await ticked();
  check(now.digest && !now.breaking, `${code}: after a reload breaking news stays unticked and the digest ticked (${JSON.stringify(now)})`);
  await shoot(page, `${code}-preferences-saved`);

  step(`${code} refusal`, `${code}: subscribing with no list ticked is refused and keeps the typed address`);
  const typed = `nl-${code}-refused-${stamp}@readers.test`;
  await page.goto(`${BASE}${subscribePath}`);
  await onPage(page, edition, t('newsletter-title'), `${code} subscribe page`);
  check(await page.locator('.newsletter-lists input[type=checkbox]:checked').count() === 0, `${code}: a new visitor's form has nothing ticked`);
  await page.getByLabel(t('newsletter-email'), { exact: true }).fill(typed);
  expected = { path: subscribePath, status: 422 };
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === subscribePath),
    page.getByRole('button', { name: t('newsletter-submit'), exact: true }).click(),
  ]);
  check(answer.status() === 422, `${code}: the refusal answers HTTP 422 (${answer.status()})`);
  // The refused page has the same heading as the form: awaited by its alert.
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 10_000 });
  await onPage(page, edition, t('newsletter-title'), `${code} refused subscribe page`);
  check((await alert.textContent()).trim() === t('newsletter-error-list'), `${code}: the error says "${t('newsletter-error-list')}"`);
  const field = page.getByLabel(t('newsletter-email'), { exact: true });
  check(await field.inputValue() === typed, `${code}: the typed address is still in the field (${await field.inputValue()})`);
  check(await field.getAttribute('aria-describedby') === await alert.getAttribute('id'), `${code}: the address field is described by the error`);
  await axe(page, `${code} refused subscribe page`);
  await shoot(page, `${code}-refused`);
  expected = null;
  check(!inbox.some((m) => m.to === typed), `${code}: no mail went to the refused address`);
  await page.context().close();
}

try {
  const editions = (await api('/api/v1/editions')).items;
  for (const language of ['en', 'ru']) {
    check(editions.some((e) => e.language === language), `the demo has an edition in ${language} (${editions.map((e) => e.code).join(', ')})`);
  }
  for (const edition of editions) await walk(edition);
  const addresses = new Set(inbox.map((m) => m.to));
  check(addresses.size >= editions.length, `one address per edition got mail (${[...addresses].join(', ')})`);
  step('done', 'done');
} finally {
  await browser.close();
  mail.close();
}
if (problems.length) {
  console.error(`newsletter end to end: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
const total = ((Date.now() - started) / 1000).toFixed(1);
const steps = timings.filter((t) => t.name !== 'done').map((t) => `${t.name} ${(t.ms / 1000).toFixed(1)}`).join(', ');
console.log(`newsletter end to end: passed in ${total} s (${steps} s), ${inbox.length} mails, ${axeChecked} axe runs, ${screenshots} screenshots, 0 console errors`);
