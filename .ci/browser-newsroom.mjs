// The newsroom end to end in headless Chromium, on the demo site: an editor
// logs in, uploads a photo whose credit is read from its embedded metadata,
// writes an article with a quote and a related card (picked by headline),
// lets autosave run, previews it, schedules it a minute ahead, sees it
// appear on the public site at that time (and on a newsfeed page left open,
// within a second, without a reload), corrects it (the note shows on the
// site) and restores an earlier revision; then infinite scroll loads the
// next story below one being read. Fails loudly at the first step
// that does not do what a user expects.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_DIR, 'node_modules', 'x.js'));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const BASE = process.env.BASE;
const OUT = process.env.OUT;
const [EMAIL, PASSWORD] = readFileSync(process.env.LOGIN_FILE, 'utf8').trim().split('\n');
const EDITION = 'en';
const stamp = Date.now().toString(36);
const HEADLINE = `Harbour bridge reopens after repairs ${stamp}`;
const CHANGED = `Harbour bridge reopens to traffic ${stamp}`;
const QUOTE = 'We kept our promise to the city.';
const LINK = 'https://example.org/notices/bridge';
const CREDIT = `Dateline E2E Photo Desk ${stamp}`;
const NOTE = 'An earlier version gave the wrong opening hour.';

const step = (what) => console.log(`step ${what}`);
function check(ok, what) { if (!ok) throw new Error(`check failed: ${what}`); }
async function api(url) {
  const res = await fetch(BASE + url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

// A JPEG with an XMP packet naming the credit line and the copyright: the
// bytes of a demo rendition with an APP1 segment spliced in after SOI.
async function photoWithCredit() {
  const articles = await api(`/api/v1/editions/${EDITION}/articles?limit=20`);
  const withPicture = articles.items.find((a) => a.media || a.lead_media);
  const full = await api(`/api/v1/editions/${EDITION}/articles/${withPicture.slug}`);
  const media = full.lead_media || full.media;
  const jpeg = (media.renditions || []).find((r) => (r.format || r.type || '').includes('jpeg')) || media.renditions[0];
  const bytes = Buffer.from(await (await fetch(new URL(jpeg.url, BASE))).arrayBuffer());
  check(bytes[0] === 0xff && bytes[1] === 0xd8, 'a demo rendition is a JPEG');
  const xmp = `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">
<photoshop:Credit>${CREDIT}</photoshop:Credit>
<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© ${new Date().getFullYear()} Dateline</rdf:li></rdf:Alt></dc:rights>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Traffic crosses the reopened harbour bridge</rdf:li></rdf:Alt></dc:description>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  const payload = Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), Buffer.from(xmp, 'utf8')]);
  const header = Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  return Buffer.concat([bytes.subarray(0, 2), header, payload, bytes.subarray(2)]);
}

// `YYYY-MM-DDTHH:MM` in `timeZone` for the instant `ms`.
function localMinute(ms, timeZone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console at ${m.location().url}: ${m.text()}`); });

  step('log in');
  await page.goto(`${BASE}/newsroom/`);
  check(page.url().includes('/newsroom/login'), 'an anonymous visit leads to the login form');
  await page.getByLabel(/e-mail/i).fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/newsroom/`), page.getByRole('button', { name: /log in/i }).click()]);

  step('upload a photo; its credit is pre-filled from the file');
  const photo = await photoWithCredit();
  await page.goto(`${BASE}/newsroom/media`);
  await page.setInputFiles('input[type=file]', { name: 'bridge.jpg', mimeType: 'image/jpeg', buffer: photo });
  await Promise.all([page.waitForURL(/\/newsroom\/media\/\d+/), page.getByRole('button', { name: /upload/i }).click()]);
  check(await page.getByLabel(/credit/i).inputValue() === CREDIT, 'the credit field holds the credit from the XMP packet');
  const mediaId = page.url().match(/\/newsroom\/media\/(\d+)/)[1];
  await page.screenshot({ path: path.join(OUT, 'newsroom-media.png'), fullPage: true });

  step('create a draft');
  await page.goto(`${BASE}/newsroom/articles/new`);
  await page.getByLabel('Headline').fill(HEADLINE);
  await Promise.all([page.waitForURL(/\/newsroom\/articles\/\d+$/), page.getByRole('button', { name: 'Create draft' }).click()]);
  const editorUrl = page.url();

  step('write: lead picture, paragraph, quote, related card picked by headline');
  const related = (await api(`/api/v1/editions/${EDITION}/articles?limit=5`)).items[1];
  await page.getByLabel('Lead', { exact: true }).fill('Engineers signed off the repairs overnight.');
  await page.getByLabel(/Lead picture/).fill(mediaId);
  // Blocks come and go without a page load: this mark would not survive one.
  await page.evaluate(() => { document.body.dataset.sameDocument = '1'; });
  await page.getByRole('button', { name: '+ Paragraph' }).click();
  const box = (n) => page.locator('li.block-paragraph [data-rich-text]').nth(n);
  const markup = (n) => page.locator('li.block-paragraph textarea').nth(n).inputValue();
  await box(0).click();
  await page.keyboard.type('The crossing opened to traffic at ');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('six in the morning');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('. Read the notice');
  for (let i = 0; i < 'the notice'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  page.once('dialog', (d) => d.accept(LINK));
  await page.keyboard.press('Control+k');
  await page.keyboard.press('End');
  await page.keyboard.type('.');
  check(await markup(0) === `The crossing opened to traffic at **six in the morning**. Read [the notice](${LINK}).`,
    `bold and a link become markup: ${await markup(0)}`);

  step('Enter starts a paragraph; a paste from a word processor is cleaned into paragraphs');
  await page.keyboard.press('Enter');
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/html', '<meta charset="utf-8"><b style="font-weight:normal" id="docs-internal-guid-1"><p><span style="font-weight:700">Pasted</span> first <script>window.pwned = 1</script></p><p style="color:red">Pasted <i>second</i> with <a href="https://example.org/source" onclick="x()">a source</a> and <a href="javascript:alert(1)">no script</a></p></b>');
    data.setData('text/plain', 'Pasted first\n\nPasted second with a source and no script');
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  check(await page.locator('li.block-paragraph').count() === 3, 'two pasted paragraphs make two blocks');
  check(await markup(1) === '**Pasted** first', `the first pasted paragraph: ${await markup(1)}`);
  check(await markup(2) === 'Pasted *second* with [a source](https://example.org/source) and no script', `the second: ${await markup(2)}`);

  step('Alt+Up moves a block; quote and related card are added after the block being edited');
  await page.keyboard.press('Alt+ArrowUp');
  check(await markup(1) === 'Pasted *second* with [a source](https://example.org/source) and no script', 'moved up one place');
  check(await page.locator('textarea[name="block-1-text"]').inputValue() === await markup(1), 'field names follow the new order');
  await page.keyboard.press('Alt+ArrowDown');
  await page.getByRole('button', { name: '+ Quote' }).click();
  await page.locator('li.block-quote textarea').fill(QUOTE);
  await page.locator('li.block-quote input[name$="-attribution"]').fill('the mayor said');
  await page.getByRole('button', { name: '+ Related article' }).click();
  const picker = page.locator('li.block-related input[name$="-article"]');
  await picker.fill(related.headline.split(' ').slice(0, 3).join(' '));
  await page.waitForFunction(() => document.querySelector('datalist[id^="article-suggestions"] option'), null, { timeout: 10000 });
  await picker.fill(await page.locator('datalist[id^="article-suggestions"] option').first().getAttribute('value'));

  step('a picture chosen in the media bank picker, another dropped onto the story');
  await page.getByRole('button', { name: '+ Picture' }).click();
  const pictureBlock = page.locator('li.block-image').first();
  await pictureBlock.getByRole('button', { name: 'Choose from the media bank' }).click();
  const choice = page.locator('[data-picker-results] button', { hasText: `#${mediaId} ` }).first();
  await choice.waitFor({ timeout: 10000 });
  await page.screenshot({ path: path.join(OUT, 'newsroom-media-picker.png') });
  await choice.click();
  check(await pictureBlock.locator('input[name$="-media"]').inputValue() === mediaId, 'the picker fills in the picture number');
  check(await pictureBlock.locator('.picked-thumb img').count() === 1, 'the chosen picture is shown');
  await page.evaluate((bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], 'dropped.jpg', { type: 'image/jpeg' }));
    const at = document.querySelector('li.block-image');
    at.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    at.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, [...photo]);
  await page.waitForFunction(() => document.querySelector('[data-upload-state]').textContent.includes('uploaded'), null, { timeout: 30000 });
  check(await page.locator('li.block-image').count() === 2, 'the dropped file became a picture block');
  check(/^\d+$/.test(await page.locator('li.block-image').nth(1).locator('input[name$="-media"]').inputValue()), 'the dropped picture has its number');
  check(await page.evaluate(() => document.body.dataset.sameDocument === '1'), 'no block action reloaded the page');
  check(/\d/.test(await page.locator('[data-word-count]').textContent()), 'the word count shows');
  check(await page.evaluate(() => window.pwned === undefined), 'pasted scripts do not run');
  await Promise.all([page.waitForURL(/saved=1/), page.getByRole('button', { name: 'Save', exact: true }).click()]);
  check(await page.getByText('Saved.').isVisible(), 'the save is confirmed');

  step('autosave a headline change');
  await page.getByLabel('Headline').fill(CHANGED);
  await page.waitForFunction(() => document.querySelector('[data-state]').textContent.includes('All changes saved'), null, { timeout: 15000 });
  // Evaluated through the DevTools protocol: the site's CSP (no inline scripts) stays on.
  await page.evaluate(axeSource);
  const axe = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .forEach((v) => problems.push(`editor axe ${v.impact}: ${v.id} ${v.help}`));
  await page.screenshot({ path: path.join(OUT, 'newsroom-editor.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(OUT, 'newsroom-editor-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 900 });
  check(await markup(0) === `The crossing opened to traffic at **six in the morning**. Read [the notice](${LINK}).`,
    'the saved page shows the same markup');
  check(await box(0).locator('strong').textContent() === 'six in the morning', 'the saved page shows bold text as bold');

  step('preview shows the reader page');
  const preview = await context.newPage();
  await preview.goto(`${editorUrl}/preview`);
  check(await preview.getByText(QUOTE).isVisible(), 'the quote is in the preview');
  check(await preview.getByText('the mayor said').isVisible(), 'the attribution is in the preview');
  check(await preview.getByText(related.headline).first().isVisible(), 'the related card is in the preview');
  check(await preview.getByText(CREDIT).first().isVisible(), 'the lead picture credit is in the preview');
  await preview.screenshot({ path: path.join(OUT, 'newsroom-preview.png'), fullPage: true });
  await preview.close();

  step('schedule a minute ahead');
  const edition = (await api('/api/v1/editions')).items.find((e) => e.code === EDITION);
  const at = Math.ceil((Date.now() + 60_000) / 60_000) * 60_000;
  await page.reload();
  await page.locator('#move-scheduled-at').fill(localMinute(at, edition.time_zone));
  await Promise.all([page.waitForURL(/moved=scheduled/), page.getByRole('button', { name: 'Schedule' }).click()]);
  check(await page.locator('[data-status]').textContent() === 'Scheduled', 'the status reads Scheduled');
  const slug = await page.locator('#f-slug').inputValue();
  const sectionTitle = (await page.locator('#f-section option:checked').textContent()).trim();
  const section = (await api(`/api/v1/editions/${EDITION}/sections`)).items.find((s) => s.title === sectionTitle);
  const publicUrl = `${BASE}/${EDITION}/${section.slug}/${slug}`;
  check((await fetch(publicUrl)).status === 404, 'not on the site before its time');

  step('open the newsfeed in another tab, to watch it live');
  const feed = await context.newPage();
  feed.on('pageerror', (e) => problems.push(`newsfeed page error: ${e.message}`));
  await feed.goto(`${BASE}/${EDITION}/newsfeed`);
  const inFeed = feed.waitForFunction(
    (headline) => [...document.querySelectorAll('[data-live-feed] .stream-title')].some((a) => a.textContent === headline),
    CHANGED, { timeout: 150_000, polling: 25 },
  ).then(() => Date.now());

  step(`wait for publication at ${new Date(at).toISOString()}`);
  let appeared = null;
  while (Date.now() < at + 90_000) {
    if ((await fetch(publicUrl)).status === 200) { appeared = Date.now(); break; }
    await new Promise((r) => setTimeout(r, 100));
  }
  check(appeared !== null, 'the article appears on the site');
  check(appeared >= at - 1000, `not before its time (appeared ${appeared - at} ms after)`);
  console.log(`published ${((appeared - at) / 1000).toFixed(1)} s after the scheduled minute`);
  const feedAt = await inFeed;
  console.log(`the open newsfeed showed it ${feedAt - appeared} ms after its page went live`);
  check(feedAt - appeared <= 1000, `the open newsfeed shows the story within a second (${feedAt - appeared} ms)`);
  const item = feed.locator('[data-live-feed] .stream-item', { hasText: CHANGED });
  check(await item.count() === 1, 'the story is listed once');
  check((await item.locator('a.stream-title').getAttribute('href')) === `/${EDITION}/${section.slug}/${slug}`, 'the live entry links to the story');
  await feed.screenshot({ path: path.join(OUT, 'newsfeed-live.png') });
  await feed.reload();
  check(await feed.locator('.stream-item', { hasText: CHANGED }).count() === 1, 'after a reload the story is in the page itself');
  await feed.close();
  const reader = await context.newPage();
  await reader.goto(publicUrl);
  check(await reader.getByRole('heading', { level: 1 }).textContent() === CHANGED, 'the autosaved headline is live');
  check(await reader.getByText(QUOTE).isVisible(), 'the quote is live');
  const body = reader.locator('.article-body');
  check(await body.locator('strong', { hasText: 'six in the morning' }).count() === 1, 'bold text is bold on the site');
  check(await body.locator(`a[href="${LINK}"]`).textContent() === 'the notice', 'the link is a link on the site');
  check(await body.locator('em', { hasText: 'second' }).count() === 1, 'pasted italics are kept');
  check(await body.locator('a[href^="javascript"], script, [onclick]').count() === 0, 'nothing pasted can run');

  step('correct it');
  await page.reload();
  await page.locator('#move-correction').fill(NOTE);
  await Promise.all([page.waitForURL(/moved=corrected/), page.getByRole('button', { name: 'Publish correction' }).click()]);
  await reader.reload();
  check(await reader.getByText(NOTE).isVisible(), 'the correction note is on the site');
  await reader.screenshot({ path: path.join(OUT, 'newsroom-corrected-article.png'), fullPage: true });

  step('restore the first saved revision');
  await page.getByRole('link', { name: 'Revisions' }).click();
  const row = page.locator('tr', { has: page.locator('td', { hasText: /^2$/ }) });
  await Promise.all([page.waitForURL(/restored=/), row.getByRole('button', { name: 'Restore' }).click()]);
  check(await page.getByLabel('Headline').inputValue() === HEADLINE, 'the editor shows the restored headline');
  await reader.reload();
  check(await reader.getByRole('heading', { level: 1 }).textContent() === HEADLINE, 'the restored headline is live');
  check(await reader.getByText(NOTE).isVisible(), 'the correction note stays');

  step('infinite scroll: the next story loads below the one read');
  const scroller = await context.newPage();
  scroller.on('pageerror', (e) => problems.push(`infinite scroll page error: ${e.message}`));
  const stories = (await api(`/api/v1/editions/${EDITION}/articles?limit=5`)).items;
  const startUrl = new URL(stories[2].url).pathname;
  await scroller.goto(`${BASE}${startUrl}`);
  const nextHref = await scroller.locator('a[data-next-article]').getAttribute('href');
  check(nextHref && nextHref !== startUrl, 'the story ends with a plain link to the next one');
  const firstTitle = await scroller.title();
  await scroller.locator('nav.next-article').scrollIntoViewIfNeeded();
  await scroller.waitForSelector('article.article-loaded', { timeout: 10_000 });
  const loaded = scroller.locator('article.article-loaded').first();
  check(await loaded.getAttribute('data-url') === nextHref, 'the loaded story is the linked one');
  const loadedHeadline = (await loaded.locator('h1').textContent()).trim();
  const teasers = await scroller.locator('nav.next-article .next-title').allTextContents();
  check(!teasers.some((t) => t.trim() === loadedHeadline), `the loaded story replaced its teaser: its headline is shown once (${teasers.join(' | ')})`);
  await loaded.locator('h1').scrollIntoViewIfNeeded();
  await scroller.evaluate(() => window.scrollBy(0, 200));
  await scroller.waitForFunction((href) => location.pathname === href, nextHref, { timeout: 5_000 });
  check(await scroller.title() !== firstTitle, 'the title follows the story in view');
  const ids = await scroller.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
  check(ids.length === new Set(ids).size, 'ids stay unique with two stories on the page');
  await scroller.screenshot({ path: path.join(OUT, 'infinite-scroll.png') });
} finally {
  await browser.close();
}
if (problems.length) {
  console.error(`newsroom end to end: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('newsroom end to end: passed');
