// The first run end to end in headless Chromium (issue 12's acceptance
// test), on a site `dateline serve` started on an empty data folder:
// the front page leads to /setup; the address serve printed (SETUP_URL)
// opens the form, which makes the admin, the first edition and its
// sections; the admin invites an editor, whose mailed link (caught by an
// SMTP listener run here, SMTP_PORT) lets them choose a password and sign
// in; the admin uploads a picture (made here: two clearly different
// halves), draws its crop and focal point on it, writes a story with bold
// text and a link, the cropped picture as its lead, and publishes it; the
// editor publishes a newer story; the admin makes the first the lead of
// the front page. A reader then sees the story leading the front page,
// its card's 16:9 picture cut from the crop around the focal point, and on
// the article page the cropped picture and the formatted text. Screenshots of the setup, the dashboard and
// the editor at desktop and phone widths; console errors, failed requests
// and axe findings fail the run; the served HTML goes to OUT/html for the
// Nu checker.
import { startSmtpSink } from './smtp-sink.mjs';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const require = createRequire(path.join(process.env.NODE_DIR, 'node_modules', 'x.js'));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const BASE = process.env.BASE;
const OUT = process.env.OUT;
const SETUP_URL = process.env.SETUP_URL;
const SMTP_PORT = Number(process.env.SMTP_PORT);
const HTML_DIR = path.join(OUT, 'html');
mkdirSync(HTML_DIR, { recursive: true });

const stamp = Date.now().toString(36);
const secret = () => `${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}-pass`;
const ADMIN = { name: 'Mara Quill', email: `mara-${stamp}@newsroom.test`, password: secret() };
const EDITOR = { name: 'Oskar Lind', email: `oskar-${stamp}@newsroom.test`, password: secret() };
const EDITION = { code: 'en', name: 'The Harbour Courier', language: 'en', time_zone: 'Europe/London' };
const SECTIONS = ['World', 'Business'];
const HEADLINE = 'Harbour town opens its first tidal power station';
const BOLD = 'eleven thousand homes';
const LINKED = 'the operator\'s figures';
const LINK = 'https://example.org/tidal/figures';
const PARAGRAPH = `The turbines under the old pier will power ${BOLD} on an average tide, according to ${LINKED}.`;
const MARKUP = `The turbines under the old pier will power **${BOLD}** on an average tide, according to [${LINKED}](${LINK}).`;
const SECOND = 'Ferry company adds a winter timetable';
// The picture: left half warm, right half cool, so a crop of the right
// half shows in the pixels of every rendition.
const PICTURE = { width: 1600, height: 1000 };
const LEFT_RGB = [232, 116, 28];
const RIGHT_RGB = [24, 112, 168];
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
const MAIL_WAIT = 20_000;
const RENDITION_WAIT = 120_000;

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

// --- A PNG made here: filter 0 on every row, one IDAT. ---
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function twoHalvesPng({ width, height }) {
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) Buffer.from(x < width / 2 ? LEFT_RGB : RIGHT_RGB).copy(row, 1 + x * 3);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// The focal point as the site writes it into `object-position`: tenths of
// a percent of the pixel's centre within the crop (domain/src/framing.rs).
function objectPosition(crop, focal) {
  const percent = (at, start, side) => {
    const tenths = Math.min(Math.floor(((2 * (at - start) + 1) * 1000 + side) / (2 * side)), 1000);
    return tenths % 10 === 0 ? `${tenths / 10}%` : `${Math.floor(tenths / 10)}.${tenths % 10}%`;
  };
  return `${percent(focal.x, crop.left, crop.width)} ${percent(focal.y, crop.top, crop.height)}`;
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
let htmlSaved = 0;
let screenshots = 0;

// A fresh browser (no cookies) for `who`; its console errors, page errors,
// failed requests and error answers are problems. A request the browser
// abandons because the page moved on (ERR_ABORTED) is not a failure.
async function newPage(who) {
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB' });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${who}: page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${who}: console: ${m.text()} (${page.url()})`); });
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText || '';
    if (!error.includes('ERR_ABORTED')) problems.push(`${who}: request failed: ${r.url()} ${error}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${who}: HTTP ${r.status()}: ${r.url()}`); });
  return page;
}

async function axe(page, name) {
  // Evaluated through the DevTools protocol: the site's CSP (no inline scripts) stays on.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .forEach((v) => problems.push(`${name} axe ${v.impact}: ${v.id} ${v.help} (${v.nodes.length})`));
  axeChecked += 1;
}

// The HTML as served (not the DOM after scripts) of the page's address,
// for the Nu checker: fetched with the page's cookies, or without any for
// a signed-out form (fetching it again in the page's browser would give
// the form a new token cookie and make the form on screen stale).
async function saveHtml(page, name, { signedOut = false } = {}) {
  const res = signedOut ? await fetch(page.url()) : await page.context().request.get(page.url());
  const status = signedOut ? res.status : res.status();
  check(status === 200, `${name}: the page answers again for the HTML check (HTTP ${status})`);
  writeFileSync(path.join(HTML_DIR, `firstrun-${name}.html`), await res.text());
  htmlSaved += 1;
}

// Full-page screenshots at desktop and phone widths; a page wider than
// the phone's screen is a problem.
async function shoot(page, name) {
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    const file = `firstrun-${name}${width === 'phone' ? '-phone' : ''}.png`;
    await page.screenshot({ path: path.join(OUT, file), fullPage: true });
    screenshots += 1;
    if (width === 'phone') {
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
      if (wide) problems.push(`${name}: wider than a phone's screen`);
    }
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

// Fills a form field found by its `name`, whatever control it is.
async function setField(form, name, value) {
  const field = form.locator(`[name="${name}"]`).first();
  check(await field.count() === 1, `the form has a "${name}" field`);
  const tag = await field.evaluate((el) => el.tagName.toLowerCase());
  if (tag === 'select') await field.selectOption(value);
  else await field.fill(value);
}

// Reloads the picture's page until its renditions are ready; the text
// the page shows, e.g. "Sizes for the site: ready (6)".
async function renditionsReady(page, what) {
  const until = Date.now() + RENDITION_WAIT;
  const state = page.locator('p', { hasText: 'Sizes for the site:' });
  for (;;) {
    const text = (await state.textContent()).trim();
    if (/: ready \([1-9]\d*\)/.test(text)) return text;
    check(!text.includes('failed'), `${what}: the renditions did not fail (${text})`);
    check(Date.now() < until, `${what}: the renditions are ready within ${RENDITION_WAIT / 1000} s (${text})`);
    await page.waitForTimeout(250);
    await page.reload();
  }
}

// The path of a site address (the newsroom shows relative ones too).
const pathOf = (url) => new URL(url, BASE).pathname;

try {
  check(SETUP_URL && SETUP_URL.startsWith(`${BASE}/setup?token=`), `serve printed a setup address on this site (${SETUP_URL})`);
  const token = new URL(SETUP_URL).searchParams.get('token');

  step('setup', 'an empty site leads to /setup; the printed address opens the form');
  const admin = await newPage('admin');
  await admin.goto(`${BASE}/`);
  check(pathOf(admin.url()) === '/setup', `the front page leads to /setup (${admin.url()})`);
  check(await admin.getByRole('heading', { level: 1 }).textContent() === 'Set up your site', 'the setup page is shown');
  await admin.goto(`${BASE}/newsroom/`);
  check(pathOf(admin.url()) === '/setup', `the newsroom leads to /setup too (${admin.url()})`);
  await admin.goto(SETUP_URL);
  const setup = admin.locator('form[action="/setup"]');
  check(await setup.locator('[name="token"]').inputValue() === token, 'the printed address fills in the setup token');
  await setField(setup, 'admin_name', ADMIN.name);
  await setField(setup, 'email', ADMIN.email);
  await setField(setup, 'password', ADMIN.password);
  await setField(setup, 'edition_name', EDITION.name);
  await setField(setup, 'edition_code', EDITION.code);
  await setField(setup, 'language', EDITION.language);
  await setField(setup, 'time_zone', EDITION.time_zone);
  await setField(setup, 'sections', SECTIONS.join('\n'));
  await axe(admin, 'setup');
  await saveHtml(admin, 'setup', { signedOut: true });
  await shoot(admin, 'setup');

  step('dashboard', 'setting up signs the admin in to the newsroom');
  await Promise.all([admin.waitForURL(`${BASE}/newsroom/`), setup.getByRole('button', { name: 'Set up the site' }).click()]);
  check(await admin.getByRole('heading', { level: 1 }).textContent() === `Welcome, ${ADMIN.name}`, 'the dashboard greets the new admin');
  check((await admin.locator('main').textContent()).includes(`You are logged in as ${ADMIN.email} (admin)`), 'as an admin');
  check((await fetch(SETUP_URL)).status === 410, 'the setup address no longer works');
  await axe(admin, 'dashboard');
  await saveHtml(admin, 'dashboard');
  await shoot(admin, 'dashboard');
  const editions = await (await fetch(`${BASE}/api/v1/editions`)).json();
  const edition = editions.items.find((e) => e.code === EDITION.code);
  check(edition && edition.name === EDITION.name, 'the first edition is on the Content API');
  const sections = (await (await fetch(`${BASE}/api/v1/editions/${EDITION.code}/sections`)).json()).items;
  check(SECTIONS.every((title) => sections.some((s) => s.title === title)), `the sections are made (${sections.map((s) => s.title).join(', ')})`);

  step('invite', 'the admin invites an editor; the mailed link lets them choose a password');
  await admin.goto(`${BASE}/newsroom/users`);
  const invite = admin.locator('form[action="/newsroom/users"]');
  await invite.getByLabel('E-mail address').fill(EDITOR.email);
  await invite.getByLabel('Display name').fill(EDITOR.name);
  await invite.getByLabel('Role').selectOption('editor');
  await invite.getByLabel(`${EDITION.name} (${EDITION.code})`).check();
  check(await invite.getByLabel('Password').inputValue() === '', 'no password: an invitation');
  await Promise.all([admin.waitForURL(/\/newsroom\/users\?invited=\d+$/), invite.getByRole('button', { name: 'Create account' }).click()]);
  check((await admin.getByRole('status').textContent()).includes(`An invitation was sent to ${EDITOR.email}.`), 'the page says the invitation went out');
  check((await admin.locator('tr', { hasText: EDITOR.email }).textContent()).includes('invitation sent, not accepted yet'), 'the list shows the invitation pending');
  const mail = await mailFor(EDITOR.email, 'the editor gets the invitation');
  check(mail.subject === `Your invitation to ${EDITION.name}`, `the invitation's subject (${mail.subject})`);
  check(mail.text.includes(ADMIN.name), 'the mail says who invited them');
  const link = mail.links.find((l) => l.includes('/newsroom/invitation?token='));
  check(link && link.startsWith(`${BASE}/`), `the mail links to this site's invitation page (${mail.links.join(' ')})`);
  const editor = await newPage('editor');
  await editor.goto(link);
  check(await editor.getByRole('heading', { level: 1 }).textContent() === 'Join the newsroom', 'the link opens the invitation');
  check((await editor.locator('main').textContent()).includes(`Welcome, ${EDITOR.name}. Choose a password for ${EDITOR.email}`), 'addressed to the person invited');
  await axe(editor, 'invitation');
  await saveHtml(editor, 'invitation', { signedOut: true });
  await editor.getByLabel('New password').fill(EDITOR.password);
  await editor.getByLabel('The same password again').fill(EDITOR.password);
  await editor.screenshot({ path: path.join(OUT, 'firstrun-invitation.png'), fullPage: true });
  screenshots += 1;
  await Promise.all([editor.waitForURL(`${BASE}/newsroom/`), editor.getByRole('button', { name: 'Set my password and sign in' }).click()]);
  check(await editor.getByRole('heading', { level: 1 }).textContent() === `Welcome, ${EDITOR.name}`, 'the editor is signed in to the newsroom');
  check((await editor.locator('main').textContent()).includes(`You are logged in as ${EDITOR.email} (editor)`), 'as an editor');
  await admin.reload();
  check(!(await admin.locator('tr', { hasText: EDITOR.email }).textContent()).includes('invitation sent'), 'the list no longer shows the invitation pending');

  step('upload', 'the admin uploads a picture through the media bank');
  await admin.goto(`${BASE}/newsroom/media`);
  await admin.getByLabel('Picture file').setInputFiles({ name: 'harbour-halves.png', mimeType: 'image/png', buffer: twoHalvesPng(PICTURE) });
  await Promise.all([admin.waitForURL(/\/newsroom\/media\/\d+(\?|$)/), admin.getByRole('button', { name: 'Upload' }).click()]);
  const mediaId = admin.url().match(/\/newsroom\/media\/(\d+)/)[1];
  check((await admin.locator('figcaption').textContent()).includes(`${PICTURE.width}×${PICTURE.height}`), 'the page gives the picture\'s size');
  console.log(`  ${await renditionsReady(admin, 'the upload')}`);
  await admin.getByLabel('Caption', { exact: true }).fill('The tidal turbines under the old pier');
  await admin.getByLabel('Text for people who cannot see the picture').fill('Two flat colour fields, warm on the left and cool on the right');
  await admin.getByLabel('Credit line').fill('Harbour Courier');
  await Promise.all([admin.waitForURL(/\/newsroom\/media\/\d+(\?|$)/), admin.getByRole('button', { name: 'Save', exact: true }).click()]);
  check(await admin.getByLabel('Credit line').inputValue() === 'Harbour Courier', 'the credit is kept');
  const uncropped = pathOf(await admin.locator('figure img').getAttribute('src'));

  step('framing', 'draw a crop over the right half and set the focal point');
  const framing = admin.locator('section[data-framing]');
  const stage = framing.locator('[data-framing-stage] img');
  await stage.scrollIntoViewIfNeeded();
  await admin.waitForFunction(() => {
    const img = document.querySelector('[data-framing-stage] img');
    return img.complete && img.naturalWidth > 0;
  });
  check(await framing.getByLabel('draw the crop').isChecked(), 'drawing the crop is the first tool');
  const box = await stage.boundingBox();
  const atPixel = (fx, fy) => ({ x: box.x + box.width * fx, y: box.y + box.height * fy });
  const from = atPixel(0.56, 0.12);
  const to = atPixel(0.94, 0.88);
  await admin.mouse.move(from.x, from.y);
  await admin.mouse.down();
  await admin.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await admin.mouse.move(to.x, to.y, { steps: 5 });
  await admin.mouse.up();
  // The crop's fields (each shape has fields of the same names).
  const cropGroup = framing.getByRole('group', { name: 'Crop', exact: true });
  const number = async (label, group = cropGroup) => Number(await group.getByLabel(label, { exact: true }).inputValue());
  const crop = { left: await number('From the left'), top: await number('From the top'), width: await number('Width'), height: await number('Height') };
  console.log(`  crop drawn: ${JSON.stringify(crop)}`);
  check(crop.left >= PICTURE.width / 2 && crop.left + crop.width <= PICTURE.width, `the crop lies in the right half (${JSON.stringify(crop)})`);
  check(Math.abs(crop.width - 0.38 * PICTURE.width) < 20 && Math.abs(crop.height - 0.76 * PICTURE.height) < 20, `the crop is the box drawn (${JSON.stringify(crop)})`);
  check(await framing.locator('[data-framing-crop]').isVisible(), 'the crop is shown over the picture');
  await framing.getByLabel('set the focal point').check();
  const spot = atPixel(0.8, 0.3);
  await admin.mouse.click(spot.x, spot.y);
  const focal = { x: await number('Across', framing), y: await number('Down', framing) };
  check(Math.abs(focal.x - 0.8 * PICTURE.width) < 4 && Math.abs(focal.y - 0.3 * PICTURE.height) < 4, `the focal point is where it was clicked (${JSON.stringify(focal)})`);
  check(await framing.locator('[data-framing-focus]').isVisible(), 'the focal point is shown over the picture');
  await framing.screenshot({ path: path.join(OUT, 'firstrun-framing.png') });
  screenshots += 1;
  await Promise.all([admin.waitForURL(/framed=1/), framing.getByRole('button', { name: 'Save the framing' }).click()]);
  check((await admin.getByRole('status').first().textContent()).includes('The framing is saved.'), 'the page says the framing is saved');
  const kept = { left: await number('From the left'), top: await number('From the top'), width: await number('Width'), height: await number('Height') };
  check(JSON.stringify(kept) === JSON.stringify(crop), `the crop is kept (${JSON.stringify(kept)})`);
  check(await number('Across', framing) === focal.x && await number('Down', framing) === focal.y, 'the focal point is kept');
  console.log(`  ${await renditionsReady(admin, 'the crop')}`);
  check((await admin.locator('main').textContent()).includes(`Cropped to ${crop.width} × ${crop.height}.`), 'the page says the picture is cropped');
  const cropped = pathOf(await admin.locator('figure img').getAttribute('src'));
  check(cropped !== uncropped, `the cropped renditions have new addresses (${uncropped} → ${cropped})`);
  // A shape's own crop is drawn the same way, kept to its proportions
  // (not saved here: cards keep the cut around the focal point).
  await framing.getByLabel('draw the cards crop (16:9)').check();
  await stage.scrollIntoViewIfNeeded();
  const box2 = await stage.boundingBox();
  const at2 = (fx, fy) => ({ x: box2.x + box2.width * fx, y: box2.y + box2.height * fy });
  const a = at2(0.05, 0.1);
  const b = at2(0.45, 0.9);
  await admin.mouse.move(a.x, a.y);
  await admin.mouse.down();
  await admin.mouse.move(b.x, b.y, { steps: 5 });
  await admin.mouse.up();
  const wideGroup = framing.getByRole('group', { name: 'Crop for cards (16:9)' });
  const wide = { width: await number('Width', wideGroup), height: await number('Height', wideGroup) };
  check(wide.width >= 32 && Math.abs(wide.width / wide.height - 16 / 9) < 0.02, `the cards' crop is drawn 16:9 (${JSON.stringify(wide)})`);
  check(await number('Width') === crop.width, 'drawing a shape leaves the crop alone');
  await admin.reload();
  await axe(admin, 'media asset');
  await saveHtml(admin, 'media-asset');

  step('write', 'write a story: section, headline, formatted text, a link and the lead picture');
  await admin.goto(`${BASE}/newsroom/`);
  await Promise.all([admin.waitForURL(`${BASE}/newsroom/articles/new`), admin.getByRole('link', { name: 'New article' }).first().click()]);
  const world = sections.find((s) => s.title === 'World');
  await admin.getByLabel('Section').selectOption({ label: `${EDITION.name} · World` });
  await admin.getByLabel('Headline').fill(HEADLINE);
  await Promise.all([admin.waitForURL(/\/newsroom\/articles\/\d+$/), admin.getByRole('button', { name: 'Create draft' }).click()]);
  const articleUrl = admin.url();
  check(await admin.getByLabel('Headline').inputValue() === HEADLINE, 'the editor opens with the headline');
  check(await admin.locator('#f-section option:checked').textContent() === 'World', 'in the section chosen');
  await admin.getByLabel('Lead', { exact: true }).fill('Eight turbines now turn with every tide under the old pier.');
  await admin.getByRole('button', { name: '+ Paragraph' }).click();
  const textBox = admin.locator('li.block-paragraph [data-rich-text]').first();
  const markup = () => admin.locator('li.block-paragraph textarea').first().inputValue();
  await textBox.click();
  const [before, after] = PARAGRAPH.split(BOLD);
  await admin.keyboard.type(before);
  await admin.keyboard.press('Control+b');
  await admin.keyboard.type(BOLD);
  await admin.keyboard.press('Control+b');
  const [middle] = after.split(LINKED);
  await admin.keyboard.type(middle + LINKED);
  for (let i = 0; i < LINKED.length; i++) await admin.keyboard.press('Shift+ArrowLeft');
  let asked = '';
  admin.once('dialog', (d) => { asked = d.message(); d.accept(LINK); });
  await admin.keyboard.press('Control+k');
  await admin.keyboard.press('End');
  await admin.keyboard.type('.');
  check(asked.startsWith('Link address'), `Ctrl+K asks for the link's address (${asked})`);
  check(await markup() === MARKUP, `bold and the link are in the paragraph's markup (${await markup()})`);
  check(await textBox.locator('a').getAttribute('href') === LINK, 'the link shows as a link while writing');
  await admin.locator('.editor > [data-media-pick]').click();
  const choice = admin.locator('[data-picker-results] button', { hasText: `#${mediaId} ` });
  await choice.waitFor();
  check(await admin.locator('[data-media-picker]').evaluate((d) => d.open), 'the media bank picker opens');
  await choice.click();
  check(await admin.getByLabel(/Lead picture/).inputValue() === mediaId, 'the picker sets the lead picture');
  // The picture's caption, corrected from the story (picture-texts.js).
  await admin.getByRole('button', { name: 'Caption, credit, alt text' }).first().click();
  const texts = admin.locator('[data-picture-texts]');
  await admin.waitForFunction(() => !document.getElementById('texts-caption').disabled);
  check(await texts.getByLabel('Caption', { exact: true }).inputValue() === 'The tidal turbines under the old pier',
    'the texts dialog shows the picture\'s caption');
  const corrected = 'The tidal turbines under the old pier, at low water';
  await texts.getByLabel('Caption', { exact: true }).fill(corrected);
  await texts.getByRole('button', { name: 'Save the texts' }).click();
  await admin.waitForFunction(() => !document.querySelector('[data-picture-texts]').open);
  check((await admin.locator('.picked-thumb').first().textContent()).includes(corrected),
    'the thumbnail shows the corrected caption');
  const stored = await admin.context().request.get(`${BASE}/api/v1/admin/media/${mediaId}`);
  check((await stored.json()).caption === corrected, 'the picture keeps the caption typed in the story');
  await Promise.all([admin.waitForURL(/saved=1/), admin.getByRole('button', { name: 'Save', exact: true }).click()]);
  check(await admin.getByText('Saved.').isVisible(), 'the save is confirmed');
  check(await markup() === MARKUP, 'the saved story comes back with the same text');
  check(await textBox.locator('strong').textContent() === BOLD, 'the bold words show as bold after the save');
  check(await admin.getByLabel(/Lead picture/).inputValue() === mediaId, 'the lead picture is kept');
  await axe(admin, 'editor');
  await saveHtml(admin, 'editor');
  await shoot(admin, 'editor');

  step('publish', 'publish now from the workflow panel');
  await Promise.all([admin.waitForURL(/moved=published/), admin.getByRole('button', { name: 'Publish now' }).click()]);
  check(await admin.locator('[data-status]').textContent() === 'Published', 'the status reads Published');
  const storyPath = await admin.getByRole('link', { name: 'On the site' }).getAttribute('href');
  check(pathOf(storyPath).startsWith(`/${EDITION.code}/${world.slug}/`), `the story is on the site in its section (${storyPath})`);

  step('second story', 'the invited editor publishes a newer story');
  await editor.goto(`${BASE}/newsroom/articles/new`);
  await editor.getByLabel('Section').selectOption({ label: `${EDITION.name} · Business` });
  await editor.getByLabel('Headline').fill(SECOND);
  await Promise.all([editor.waitForURL(/\/newsroom\/articles\/\d+$/), editor.getByRole('button', { name: 'Create draft' }).click()]);
  const secondId = editor.url().match(/\/newsroom\/articles\/(\d+)$/)[1];
  await editor.getByLabel('Lead', { exact: true }).fill('Two crossings a day from November.');
  await Promise.all([editor.waitForURL(/saved=1/), editor.getByRole('button', { name: 'Save', exact: true }).click()]);
  await Promise.all([editor.waitForURL(/moved=published/), editor.getByRole('button', { name: 'Publish now' }).click()]);
  check(await editor.locator('[data-status]').textContent() === 'Published', 'the editor\'s story is published');
  // Each look at the front page from a fresh browser: a reader's browser
  // may keep the page for its max-age.
  const leadHeadline = (page) => page.locator('.top-stories article').first().locator('.card-title').textContent();
  const early = await newPage('early reader');
  await early.goto(`${BASE}/${EDITION.code}/`);
  check(await leadHeadline(early) === SECOND, 'unarranged, the newest story leads the front page');
  await early.context().close();

  step('front', 'the admin makes the story the lead of the front page');
  await admin.goto(`${BASE}/newsroom/`);
  await Promise.all([admin.waitForURL(`${BASE}/newsroom/front/${EDITION.code}`), admin.getByRole('link', { name: `Front page: ${EDITION.name}` }).click()]);
  const articleId = articleUrl.match(/\/newsroom\/articles\/(\d+)$/)[1];
  for (const id of [secondId, articleId]) {
    await admin.getByLabel('Story number or address').fill(id);
    await admin.getByLabel('Where').selectOption({ label: 'Top stories' });
    await Promise.all([admin.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/newsroom/front/${EDITION.code}`)),
      admin.getByRole('button', { name: 'Add', exact: true }).click()]);
    await admin.waitForLoadState();
  }
  const top = admin.locator('ol[data-front-list="top"] > li');
  check(await top.count() === 2, 'both stories are in the top stories');
  check((await top.nth(1).textContent()).includes(HEADLINE), 'the story was added second');
  // Alt+Arrow Up on the story in focus (static/front.js).
  await top.nth(1).getByRole('link', { name: HEADLINE }).focus();
  await admin.keyboard.press('Alt+ArrowUp');
  check((await top.first().textContent()).includes(HEADLINE), 'the story moves to the top');
  check((await admin.locator('[data-front-state]').textContent()).includes('Changed, not saved yet.'), 'the page says the change is not saved');
  await axe(admin, 'front page arrangement');
  await saveHtml(admin, 'front');
  await Promise.all([admin.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/newsroom/front/${EDITION.code}`)),
    admin.getByRole('button', { name: 'Save the front page' }).click()]);
  await admin.waitForLoadState();
  check((await admin.getByRole('status').first().textContent()).includes('Front page saved: readers see it now.'), 'the front page is saved');
  check((await top.first().textContent()).includes(HEADLINE), 'the story is first after saving');
  check(await top.first().locator('.front-lead').isVisible(), 'and marked as the lead story');
  await admin.screenshot({ path: path.join(OUT, 'firstrun-front-desk.png'), fullPage: true });
  screenshots += 1;

  step('reader', 'a reader sees the story lead the front page, its picture cropped, its text formatted');
  const reader = await newPage('reader');
  await reader.goto(`${BASE}/${EDITION.code}/`);
  check(await leadHeadline(reader) === HEADLINE, 'the story leads the front page');
  const leadCard = reader.locator('.top-stories article').first();
  const img = leadCard.locator('picture img');
  check(await img.count() === 1, 'the lead has its picture');
  await img.evaluate((el) => (el.complete ? null : new Promise((r) => { el.onload = r; el.onerror = r; })));
  // Cards show files of their own 16:9 shape, cut from the crop around
  // the focal point (the story's page shows the crop's own files).
  const srcset = (await leadCard.locator('picture source').evaluateAll((els) => els.map((s) => s.getAttribute('srcset')))).join(', ');
  const files = srcset.split(',').map((s) => s.trim().split(' ')[0]).filter(Boolean);
  check(files.length > 0, 'the picture offers its renditions');
  check(files.every((f) => /-wide-\d+\.(jpg|webp)$/.test(f)), `the card offers its 16:9 files (${srcset})`);
  check(!files.includes(uncropped) && !files.includes(cropped), `and none of the crop's own (${uncropped}, ${cropped})`);
  const shown = await img.evaluate(async (el) => {
    // The file the browser chose, drawn whole to read its pixels.
    const pic = new Image();
    pic.src = el.currentSrc;
    await pic.decode();
    const canvas = document.createElement('canvas');
    canvas.width = pic.naturalWidth;
    canvas.height = pic.naturalHeight;
    const g = canvas.getContext('2d');
    g.drawImage(pic, 0, 0);
    const at = (fx) => [...g.getImageData(Math.floor(fx * (pic.naturalWidth - 1)), Math.floor(pic.naturalHeight / 2), 1, 1).data].slice(0, 3);
    return { src: el.currentSrc, width: pic.naturalWidth, height: pic.naturalHeight, samples: [at(0), at(0.5), at(1)] };
  });
  const near = (rgb, want) => rgb.every((v, i) => Math.abs(v - want[i]) <= 24);
  check(files.includes(pathOf(shown.src)), `the browser shows one of the offered files (${shown.src})`);
  check(shown.samples.every((rgb) => near(rgb, RIGHT_RGB)), `the file shows only the cropped right half (${JSON.stringify(shown.samples)})`);
  check(Math.abs(shown.width / shown.height - 16 / 9) < 0.02, `the file is 16:9 (${shown.width}×${shown.height})`);
  await axe(reader, 'reader front page');
  await saveHtml(reader, 'reader-front');
  await reader.screenshot({ path: path.join(OUT, 'firstrun-reader-front.png'), fullPage: true });
  screenshots += 1;
  await Promise.all([reader.waitForURL(`${BASE}${pathOf(storyPath)}`), leadCard.locator('.card-title a').click()]);
  check(await reader.getByRole('heading', { level: 1 }).textContent() === HEADLINE, 'the card opens the story');
  const body = reader.locator('.article-body').first();
  check(await body.locator('strong').first().textContent() === BOLD, 'the bold words are <strong> on the site');
  check(await body.locator(`a[href="${LINK}"]`).textContent() === LINKED, 'the link goes to the address typed');
  check((await body.textContent()).includes(PARAGRAPH), 'the paragraph reads as written');
  check((await reader.locator('main').textContent()).includes('at low water'), 'the caption corrected in the editor is on the site');
  const lead = reader.locator('main picture img').first();
  check(await lead.evaluate((el) => el.style.objectPosition) === objectPosition(crop, focal),
    `the story's picture keeps the focal point (object-position ${await lead.evaluate((el) => el.style.objectPosition)}, expected ${objectPosition(crop, focal)})`);
  const leadSet = (await reader.locator('main picture').first().locator('source').evaluateAll((els) => els.map((s) => s.getAttribute('srcset')))).join(', ');
  check(leadSet.includes(cropped), `the story's picture offers the cropped renditions (${cropped} in ${leadSet})`);
  check(!leadSet.includes(uncropped) && !leadSet.includes('-wide-'), `and neither the uncropped nor the card's files (${leadSet})`);
  await lead.evaluate((el) => (el.complete ? null : new Promise((r) => { el.onload = r; el.onerror = r; })));
  const leadShape = await lead.evaluate((el) => el.naturalWidth / el.naturalHeight);
  check(Math.abs(leadShape - crop.width / crop.height) < 0.02, `the story's picture has the crop's shape (${leadShape}, crop ${crop.width}×${crop.height})`);
  await axe(reader, 'reader article');
  await saveHtml(reader, 'reader-article');
  await reader.screenshot({ path: path.join(OUT, 'firstrun-reader-article.png'), fullPage: true });
  screenshots += 1;
  step('done', 'done');
} finally {
  await browser.close();
  mail.close();
}
if (problems.length) {
  console.error(`first run end to end: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
const total = ((Date.now() - started) / 1000).toFixed(1);
const steps = timings.filter((t) => t.name !== 'done').map((t) => `${t.name} ${(t.ms / 1000).toFixed(1)}`).join(', ');
console.log(`first run end to end: passed in ${total} s (${steps} s), ${inbox.length} mail, ${axeChecked} axe runs, ${htmlSaved} pages saved for the Nu checker, ${screenshots} screenshots, 0 console errors`);
