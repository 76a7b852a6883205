// The reader's chrome end to end in headless Chromium, on the demo site, on
// a desktop and on a phone: the masthead offers "Log in" to visitors and,
// once signed in, the reader's name and menu (the page itself stays the
// same for everyone); the page the reader comes back to says what
// happened; the menu logs out. The front page has a lead story, shows
// comment counts only where there are comments, and marks live coverage;
// the phone's section row scrolls and says so; the media bank shows two
// columns on a phone and graphics whole. Screenshots of each go to OUT.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_DIR, 'node_modules', 'x.js'));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const BASE = process.env.BASE;
const OUT = process.env.OUT;
const [, , READER_EMAIL, READER_PASSWORD] = readFileSync(process.env.LOGIN_FILE, 'utf8').trim().split('\n');
const EDITION = 'en';
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 375, height: 740 } };

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
let screenshots = 0;

async function newPage(who, viewport) {
  const context = await browser.newContext({ viewport, locale: 'en-GB', isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${who}: page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${who}: console: ${m.text()} (${page.url()})`); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${who}: HTTP ${r.status()}: ${r.url()}`); });
  return page;
}

async function axe(page, name) {
  // Evaluated through the DevTools protocol: the site's CSP (no inline scripts) stays on.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .forEach((v) => problems.push(`${name} axe ${v.impact}: ${v.id} ${v.help} (${v.nodes.length})`));
}

async function shot(page, name, fullPage = false) {
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
  screenshots += 1;
}

async function noSideways(page, name) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  check(!wide, `${name}: nothing is wider than the screen`);
}

try {
  for (const [size, viewport] of Object.entries(WIDTHS)) {
    step(`${size}: a visitor sees "Log in" in the masthead; it comes back to the story`);
    const page = await newPage(`reader (${size})`, viewport);
    const story = (await api(`/api/v1/editions/${EDITION}/articles?limit=5`)).items[1];
    const storyPath = new URL(story.url).pathname;
    await page.goto(`${BASE}${storyPath}`);
    const masthead = page.locator('header.masthead');
    const login = masthead.getByRole('link', { name: 'Log in' });
    check(await login.isVisible(), 'the masthead shows "Log in"');
    check(await masthead.locator('.account-menu').count() === 0, 'no account menu for a visitor');
    const brand = masthead.locator('a.brand');
    const logo = await brand.locator('img').count();
    const name = (await brand.locator('.brand-name').count()) ? (await brand.locator('.brand-name').textContent()).trim() : '';
    check((logo === 1) !== (name !== ''), `the masthead shows the logo or the name, not both (logo ${logo}, name "${name}")`);
    const href = await login.getAttribute('href');
    check(new URL(href, BASE).searchParams.get('return') === storyPath, `"Log in" comes back to the story (${href})`);
    await noSideways(page, `${size} story`);
    await shot(page, `masthead-signed-out-${size}`);

    step(`${size}: logging in leads back to the story, which says so and shows the reader's menu`);
    await Promise.all([page.waitForURL(/\/account\/login/), login.click()]);
    await page.getByLabel('E-mail address').fill(READER_EMAIL);
    await page.getByLabel('Password').fill(READER_PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === storyPath), page.getByRole('button', { name: 'Log in' }).click()]);
    const flash = page.locator('[data-flash]');
    await flash.waitFor({ state: 'visible', timeout: 5_000 });
    check((await flash.textContent()).includes('You are signed in.'), 'the story says the reader is signed in');
    const menu = masthead.locator('details.account-menu');
    await menu.waitFor({ timeout: 5_000 });
    const me = await (await page.request.get(`${BASE}/account/me`)).json();
    check((await menu.locator('summary').textContent()).includes(me.display_name), `the menu shows the reader's name (${me.display_name})`);
    check(await masthead.getByRole('link', { name: 'Log in' }).count() === 0, '"Log in" is gone');
    await menu.locator('summary').click();
    check(await menu.getByRole('link', { name: 'Your profile' }).isVisible(), 'the menu offers the profile');
    check(await menu.getByRole('link', { name: 'Newsletters and alerts' }).isVisible(), 'the menu offers the subscriptions');
    await axe(page, `${size} signed-in story`);
    await noSideways(page, `${size} signed-in story`);
    await shot(page, `masthead-signed-in-${size}`);
    // The notice is said once: a reload does not repeat it.
    await page.reload();
    await menu.waitFor({ timeout: 5_000 });
    check(await flash.isHidden(), 'the notice is not shown again');

    step(`${size}: the menu's profile link opens the reader's page; "Log out" signs out`);
    await menu.locator('summary').click();
    await Promise.all([page.waitForURL(/\/account\/\?/), menu.getByRole('link', { name: 'Your profile' }).click()]);
    check((await page.getByRole('heading', { level: 1 }).textContent()).includes('Your account'), 'the profile opens');
    // Deleting the account looks unlike the primary action.
    const look = (button) => button.evaluate((b) => { const c = getComputedStyle(b); return `${c.backgroundColor}|${c.color}`; });
    const primary = await look(page.locator('main button.button:not(.button-quiet)').first());
    await page.goto(`${BASE}/account/delete?edition=${EDITION}`);
    const danger = await look(page.locator('main button[type=submit]').last());
    check(danger !== primary && danger.startsWith('rgba(0, 0, 0, 0)'), `the delete button is outlined, not filled like "Save" (${danger} vs ${primary})`);
    await page.goto(`${BASE}${storyPath}`);
    await menu.waitFor({ timeout: 5_000 });
    await menu.locator('summary').click();
    await Promise.all([page.waitForURL((u) => u.pathname === storyPath), menu.getByRole('button', { name: 'Log out' }).click()]);
    await flash.waitFor({ state: 'visible', timeout: 5_000 });
    check((await flash.textContent()).includes('You are signed out.'), 'the story says the reader is signed out');
    check(await masthead.getByRole('link', { name: 'Log in' }).isVisible(), '"Log in" is back');
    check(!(await (await page.request.get(`${BASE}/account/me`)).json()).signed_in, 'the session ended');

    step(`${size}: the front page leads with a story and marks live coverage`);
    await page.goto(`${BASE}/${EDITION}/`);
    check(await page.locator('.top-stories .card-featured').count() === 1, 'one lead story');
    const zero = await page.locator('.card-comments', { hasText: /^\s*0 comments\s*$/ }).count();
    check(zero === 0, `no "0 comments" on cards (${zero})`);
    check(await page.locator('.card .live-badge').count() >= 1, 'the demo\'s live story carries the Live badge');
    await noSideways(page, `${size} front`);
    await axe(page, `${size} front`);
    await shot(page, `front-live-${size}`);

    if (size === 'phone') {
      step('phone: the section row scrolls sideways and says so');
      const sections = page.locator('nav.sections');
      const scrolls = await sections.locator('ul').evaluate((ul) => ul.scrollWidth > ul.clientWidth);
      check(scrolls, 'the demo has more sections than a phone\'s width');
      check(await sections.getAttribute('data-more') !== null, 'the row shows that more sections follow');
      await sections.locator('ul').evaluate((ul) => { ul.scrollLeft = ul.scrollWidth; });
      await page.waitForFunction(() => !document.querySelector('nav.sections').hasAttribute('data-more'));
      await shot(page, 'sections-scrolled-phone');

      step('phone: the media bank shows two columns');
      await page.goto(`${BASE}/${EDITION}/mediabank`);
      const columns = await page.locator('.media-grid').evaluate((g) => getComputedStyle(g).gridTemplateColumns.split(' ').length);
      check(columns === 2, `two columns of pictures (${columns})`);
      await noSideways(page, 'phone media bank');
      await shot(page, 'mediabank-phone');
    }
    await page.context().close();
  }
} catch (e) {
  problems.push(e.stack || String(e));
} finally {
  await browser.close();
}
if (problems.length) {
  console.error(`reader chrome end to end: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`reader chrome end to end: passed, ${screenshots} screenshots`);
