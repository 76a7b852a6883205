// Drives headless Chromium through the demo site: front, section, newsfeed,
// article, its comments, media-bank, search and chat pages in every edition
// (left to right and right to left), at desktop and mobile widths.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_DIR, 'node_modules', 'x.js'));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const BASE = process.env.BASE;
const OUT = process.env.OUT;
const VIEWPORTS = { desktop: { width: 1366, height: 900 }, mobile: { width: 390, height: 844 } };

async function json(url) {
  const res = await fetch(BASE + url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

// Pages to visit, discovered through the public Content API.
async function pagesFor(edition) {
  const sections = await json(`/api/v1/editions/${edition}/sections`);
  const section = sections.items ? sections.items[0] : sections[0];
  const articles = await json(`/api/v1/editions/${edition}/articles?limit=20`);
  const article = articles.items.find((a) => a.media) || articles.items[0];
  const full = await json(`/api/v1/editions/${edition}/articles/${article.slug}`);
  const media = full.lead_media || full.media;
  return {
    front: `/${edition}/`,
    section: `/${edition}/${section.slug}/`,
    newsfeed: `/${edition}/newsfeed`,
    article: new URL(article.url).pathname,
    comments: `${new URL(article.url).pathname}/comments`,
    mediabank: new URL(media.page_url).pathname,
    // Results with facets, marked passages and pictures.
    search: `/${edition}/search?q=${encodeURIComponent(article.headline.split(/\s+/)[0])}`,
    chats: `/${edition}/chats`,
  };
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const failures = [];
// The served HTML (not the live DOM) of every page, for the HTML validator.
const HTML_DIR = path.join(OUT, 'html');
mkdirSync(HTML_DIR, { recursive: true });
let checked = 0;
try {
  const editions = await json('/api/v1/editions');
  for (const { code: edition, direction } of (editions.items || editions)) {
    const pages = await pagesFor(edition);
    for (const [kind, url] of Object.entries(pages)) {
      writeFileSync(path.join(HTML_DIR, `${edition}-${kind}.html`), await (await fetch(BASE + url)).text());
    }
    for (const [vpName, viewport] of Object.entries(VIEWPORTS)) {
      const context = await browser.newContext({ viewport });
      for (const [kind, url] of Object.entries(pages)) {
        const page = await context.newPage();
        const problems = [];
        page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
        page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
        const res = await page.goto(BASE + url, { waitUntil: 'load' });
        if (!res || res.status() !== 200) problems.push(`status ${res && res.status()}`);
        // Lazy pictures load once scrolled into view.
        await page.evaluate(async () => {
          for (let y = 0; y < document.body.scrollHeight; y += 600) { window.scrollTo(0, y); await new Promise((r) => setTimeout(r, 30)); }
          window.scrollTo(0, 0);
        });
        await page.waitForLoadState('networkidle');
        // A picture still downloading is not broken: wait (bounded) for each to settle.
        const broken = await page.evaluate(async () => {
          // A lazy picture far from the viewport never starts loading: ask
          // for every one now, so that "not loaded" can only mean broken.
          [...document.images].forEach((img) => { img.loading = 'eager'; });
          const settle = (img) => (img.complete ? Promise.resolve() : new Promise((resolve) => {
            img.addEventListener('load', resolve, { once: true });
            img.addEventListener('error', resolve, { once: true });
            setTimeout(resolve, 15000);
          }));
          await Promise.all([...document.images].map(settle));
          return [...document.images].filter((img) => !img.complete || img.naturalWidth === 0)
            .map((img) => img.currentSrc || img.src);
        });
        broken.forEach((src) => problems.push(`broken image: ${src}`));
        const root = await page.evaluate(() => ({
          lang: document.documentElement.lang,
          dir: document.documentElement.dir,
          // Wider than the screen: in a right-to-left page the overflow is on the left.
          sideways: document.documentElement.scrollWidth > window.innerWidth + 1,
        }));
        if (!root.lang) problems.push('no lang on <html>');
        if (root.dir !== direction) problems.push(`dir="${root.dir}" on <html>, the edition is ${direction}`);
        if (root.sideways) problems.push('the page is wider than the screen');
        if (vpName === 'desktop') {
          // Evaluated through the DevTools protocol: the site's CSP (no inline scripts) stays on.
          await page.evaluate(axeSource);
          const axe = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
          axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .forEach((v) => problems.push(`axe ${v.impact}: ${v.id} (${v.nodes.length}) ${v.help}`));
        }
        const shot = path.join(OUT, `${edition}-${kind}-${vpName}.png`);
        await page.screenshot({ path: shot, fullPage: kind !== 'front' });
        checked += 1;
        if (problems.length) failures.push(`${edition} ${kind} ${vpName} ${url}\n    ${problems.join('\n    ')}`);
        else console.log(`ok   ${edition} ${kind} ${vpName} ${url}`);
        await page.close();
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(`FAILED ${failures.length} of ${checked} page checks:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`${checked} passed, 0 failed`);
