// Lighthouse on the reader's page types (front, section, article, comments,
// chat room), and on the right-to-left edition's front and article, as a phone (Lighthouse's default: a mid-range phone on a
// throttled connection, simulated) and as a desktop: every category must
// score at least MIN. Prints one line per page and form factor, and for a
// score below MIN the audits that cost it. Reports go to OUT/lighthouse/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const BASE = process.env.BASE;
const OUT = path.join(process.env.OUT, 'lighthouse');
const BIN = path.join(process.env.NODE_DIR, 'node_modules', '.bin', 'lighthouse');
const MIN = Number(process.env.LIGHTHOUSE_MIN || '0.95');
const EDITION = 'en';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
mkdirSync(OUT, { recursive: true });

function check(ok, what) { if (!ok) throw new Error(`check failed: ${what}`); }
async function text(url) {
  const res = await fetch(BASE + url);
  check(res.ok, `${url}: HTTP ${res.status}`);
  return res.text();
}

// The pages, found the way a reader would: the API's newest story with a
// lead picture of a photo's size (other checks publish stories with small
// test pictures, which Lighthouse rightly finds blurry on a phone), its
// section, its comments, the first chat room the list links to.
const stories = JSON.parse(await text(`/api/v1/editions/${EDITION}/articles?limit=50`)).items;
const story = stories.find((s) => s.media && s.media.width >= 1280);
check(story, 'one of the newest stories has a photo-sized lead picture');
const storyPath = new URL(story.url).pathname;
const rooms = await text(`/${EDITION}/chats`);
const room = /href="(\/[^"]+\/chats\/[^"]+)"/.exec(rooms);
check(room, 'the chat list links to a room');
const pages = {
  front: `/${EDITION}/`,
  section: storyPath.replace(/[^/]+$/, ''),
  article: storyPath,
  comments: `${storyPath}/comments`,
  chat: room[1],
};
// The same pages mirrored: the Arabic edition's front and a story with a
// photo-sized lead picture.
const RTL_EDITION = 'ar';
const rtlStories = JSON.parse(await text(`/api/v1/editions/${RTL_EDITION}/articles?limit=50`)).items;
const rtlStory = rtlStories.find((s) => s.media && s.media.width >= 1280);
check(rtlStory, `one of the newest ${RTL_EDITION} stories has a photo-sized lead picture`);
pages[`${RTL_EDITION}-front`] = `/${RTL_EDITION}/`;
pages[`${RTL_EDITION}-article`] = new URL(rtlStory.url).pathname;

const problems = [];
for (const [name, url] of Object.entries(pages)) {
  for (const form of ['mobile', 'desktop']) {
    const report = path.join(OUT, `${name}-${form}.json`);
    const profile = path.join(OUT, `profile-${name}-${form}`);
    const args = [BASE + url, '--quiet', '--output=json', `--output-path=${report}`,
      `--chrome-flags=--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=${profile}`];
    if (form === 'desktop') args.push('--preset=desktop');
    const run = spawnSync(BIN, args, { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, encoding: 'utf8', timeout: 180_000 });
    rmSync(profile, { recursive: true, force: true });
    if (run.status !== 0) {
      problems.push(`${name} (${form}): lighthouse exited ${run.status}: ${(run.stderr || '').slice(-500)}`);
      continue;
    }
    const result = JSON.parse(readFileSync(report, 'utf8'));
    if (result.runtimeError) {
      problems.push(`${name} (${form}): ${result.runtimeError.code} ${result.runtimeError.message}`);
      continue;
    }
    const scores = CATEGORIES.map((c) => [c, result.categories[c].score]);
    console.log(`lighthouse ${name} (${form}) ${url}: ${scores.map(([c, s]) => `${c} ${s}`).join(', ')}`);
    for (const [c, score] of scores) {
      if (score === null || score < MIN) {
        const costly = result.categories[c].auditRefs
          .filter((r) => r.weight > 0 && result.audits[r.id].score !== null && result.audits[r.id].score < 1)
          .map((r) => `${r.id} ${result.audits[r.id].score}${result.audits[r.id].displayValue ? ` (${result.audits[r.id].displayValue})` : ''}`);
        problems.push(`${name} (${form}) ${c} ${score} < ${MIN}: ${costly.join('; ')}`);
      }
    }
  }
}
if (problems.length) {
  console.error(`lighthouse: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`lighthouse: every category at least ${MIN} on ${Object.keys(pages).length} page types, phone and desktop`);
