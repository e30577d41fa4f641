// Building blocks for the site scenarios: a gallery of the artist's works added through the real gallery page,
// feed posts made of corpus artworks with reposts of those works at known places, and page-side recorders.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { makeDemoArtworks } from '../../src/cli/demo-art';
import type { FixturePost, StoredImage } from '../../src/dev/stand-ins/server';
import { launch, type BrowserName, type ExtensionSession, type LaunchOptions, type TabPage } from './driver';
import { corpusDir } from './data';
import { count, until } from './feed';
import { expect } from 'vitest';
import { makeFamilyVariant, type Family } from '../bench/families';
import { loadBase } from '../bench/variants';
import { seededRandom } from '../../src/engine/vectors';

/** The artist's works: generated illustrations, unlike anything in the corpus the feeds are made of. */
export async function artistWorks(count: number): Promise<{ name: string; data: Buffer }[]> {
  return makeDemoArtworks(count, 2026);
}

export async function addToGallery(ext: ExtensionSession, works: { name: string; data: Buffer }[]): Promise<void> {
  const page = await ext.newPage();
  await page.goto(ext.extensionUrl('src/gallery/index.html'));
  await page.setInputFiles('[data-testid=file-input]', works.map((w) => ({ name: w.name, mimeType: 'image/png', buffer: w.data })));
  await until(() => count(page, '[data-testid=work]'), (n) => n >= works.length);
  await page.close();
}

/** The extension in a fresh browser profile with the artist's works already in its gallery. */
export async function launchWithGallery(browser: BrowserName, works: { name: string; data: Buffer }[], options: LaunchOptions): Promise<ExtensionSession> {
  const ext = await launch(browser, options);
  await addToGallery(ext, works);
  return ext;
}

const jpeg = async (data: Buffer | string, width: number, quality = 82): Promise<StoredImage> =>
  ({ data: await sharp(data).flatten({ background: '#fff' }).resize({ width, withoutEnlargement: true }).jpeg({ quality }).toBuffer(), mime: 'image/jpeg' });

/** Feed pictures from the corpus: each artwork as posted, and as a mirrored re-post, to fill long feeds. */
export async function corpusImages(count: number): Promise<StoredImage[]> {
  const dir = join(corpusDir(), 'art');
  const files = readdirSync(dir).filter((f) => /\.(jpe?g|png)$/.test(f)).sort();
  const out: StoredImage[] = [];
  for (let i = 0; out.length < count; i++) {
    const file = join(dir, files[i % files.length]!);
    const round = Math.floor(i / files.length);
    out.push(round === 0 ? await jpeg(file, 720) : await jpeg(await sharp(file).flop().rotate(round * 3, { background: '#fff' }).toBuffer(), 640));
  }
  return out;
}

/** A repost of a work as thieves post it: recompressed at half size, or mirrored and cropped. */
export async function repost(work: Buffer, kind: 'reencoded' | 'mirrored-crop'): Promise<StoredImage> {
  if (kind === 'reencoded') return jpeg(work, 360, 70);
  const m = await sharp(work).metadata();
  const crop = await sharp(work).flop()
    .extract({ left: Math.round(m.width! * 0.08), top: Math.round(m.height! * 0.05), width: Math.round(m.width! * 0.85), height: Math.round(m.height! * 0.85) })
    .toBuffer();
  return jpeg(crop, 600, 78);
}

/**
 * A repost made by bench:quality's family generator (test/bench/families.ts): the work as a collage tile, in a
 * photo of a screen, … — draw `draw` for `seed`, with corpus artworks as the other tiles and the room.
 */
export async function familyRepost(work: Buffer, family: Family, seed: number, draw: number): Promise<StoredImage> {
  const dir = join(corpusDir(), 'art');
  const files = ['art000_plasma_5120x2880.jpg', ...readdirSync(dir).filter((f) => /\.(png|jpe?g)$/.test(f)).slice(10, 22)];
  const fillers = await Promise.all(files.map((f) => loadBase(readFileSync(join(dir, f)))));
  const made = await makeFamilyVariant(await loadBase(work), family, seed, draw, fillers);
  return { data: made.data, mime: made.mime };
}

/**
 * A large 九宫格 post: `work` as tile `at` of a `side`-px 3 × 3 grid with white gutters (its hue turned by `hue`
 * degrees), corpus artworks in the other tiles (each cover-cropped to its square), as a JPEG.
 */
export async function gridCollage(work: Buffer, side: number, gutter: number, at: number, hue = 0): Promise<StoredImage> {
  const dir = join(corpusDir(), 'art');
  const fillers = readdirSync(dir).filter((f) => /\.(png|jpe?g)$/.test(f)).sort().slice(30, 60);
  const cell = Math.floor((side - 4 * gutter) / 3);
  const tiles = await Promise.all(Array.from({ length: 9 }, async (_, i) => ({
    input: await (i === at ? sharp(work).modulate({ hue }) : sharp(readFileSync(join(dir, fillers[(i + 9) % fillers.length]!)))).resize(cell, cell, { fit: 'cover' }).toBuffer(),
    left: gutter + (i % 3) * (cell + gutter), top: gutter + Math.floor(i / 3) * (cell + gutter),
  })));
  const data = await sharp({ create: { width: side, height: side, channels: 3, background: '#ffffff' } }).composite(tiles).jpeg({ quality: 88 }).toBuffer();
  return { data, mime: 'image/jpeg' };
}

/** `work` under heavy luma grain of spread `sigma` (a noisy re-encode, a grain filter), as a JPEG. */
export async function grainy(work: Buffer, sigma: number, seed: number): Promise<StoredImage> {
  const { data, info } = await sharp(work).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const r = seededRandom(seed);
  for (let i = 0; i < info.width * info.height; i++) {
    // A sum of four uniforms: near-Gaussian.
    const n = (r() + r() + r() + r() - 2) * sigma * 1.73;
    for (let k = 0; k < 3; k++) data[i * 3 + k] = Math.max(0, Math.min(255, data[i * 3 + k]! + n));
  }
  return { data: await sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer(), mime: 'image/jpeg' };
}

/** Posts of plain corpus pictures with reposts spliced in at `at`; returns the posts and the repost indices. */
export function feed(plain: StoredImage[], reposts: { at: number; image: StoredImage; aiLabel?: boolean; more?: StoredImage[] }[]): FixturePost[] {
  const posts: FixturePost[] = plain.map((image, i) => ({ author: `画师${i % 37}`, text: `练习作品 #${i}`, images: [image] }));
  for (const r of reposts) {
    posts.splice(r.at, 0, { author: '搬运号', text: '今日份分享（图源网络）', aiLabel: r.aiLabel, images: [r.image, ...(r.more ?? [])] });
  }
  return posts;
}

/** For recordBadges on the Xiaohongshu stand-in: the post id a card shows, read from its cover link. */
export const XHS_POST_OF_CARD = `(el) => {
  const card = el && el.closest('section.note-item');
  const m = card && (card.querySelector('a.cover')?.getAttribute('href') ?? '').match(/([0-9a-f]{24})/);
  return m ? m[1] : null;
}`;

/**
 * Records in the page (main world), frame by frame, every badge drawn with the post it claimed, and every frame
 * in which a badge disagreed with the post its card shows (`postOf` reads the card's own post id from the DOM).
 */
export async function recordBadges(page: TabPage, postOfSource: string): Promise<void> {
  await page.addInitScript(`
    window.__badges = new Set(); window.__stale = [];
    const postOf = ${postOfSource};
    const check = () => {
      for (const b of document.querySelectorAll('inkseal-badge')) {
        window.__badges.add(b.dataset.postId);
        const shown = postOf(b.parentElement);
        if (shown && shown !== b.dataset.postId) window.__stale.push(b.dataset.postId + ' on ' + shown);
      }
    };
    // Sampled every frame, before paint: what a reader could actually see.
    const frame = () => { check(); requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
  `);
}

export async function recorded(page: TabPage): Promise<{ badges: string[]; stale: string[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __badges: Set<string>; __stale: string[] };
    return { badges: [...w.__badges].sort(), stale: w.__stale };
  });
}

/**
 * Scrolls a virtualised feed to its end in wheel steps at a reader's pace, until `lastMarker` (text only the
 * feed's last post carries, such as its id) is on the page and the page is at its bottom.
 */
export async function scrollToEnd(page: TabPage, lastMarker: string, step = 700, readerPaceMs = 120, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const at = await page.evaluate((marker) => ({
      seen: document.body.innerHTML.includes(marker),
      bottom: scrollY + innerHeight >= document.documentElement.scrollHeight - 5,
    }), lastMarker);
    if (at.seen && at.bottom) return;
    await page.wheel(step);
    await new Promise((r) => setTimeout(r, readerPaceMs));
  }
  throw new Error(`the feed never showed ${lastMarker}`);
}

/** Back to the top of the page, for a second pass as a reader scrolling back would. */
export function scrollToTop(page: TabPage): Promise<void> {
  return page.evaluate(() => scrollTo(0, 0));
}

/**
 * Opens the popup for a tab and switches its site on, as the artist would; the browser's permission is granted
 * beforehand (launch's `grantedHosts`), since a headless browser cannot answer the prompt.
 */
export async function enableSite(ext: ExtensionSession, tabId: number, url: string, stepMs = 60_000): Promise<void> {
  const popup = await ext.newPage();
  await popup.goto(ext.extensionUrl(`src/popup/index.html?tab=${tabId}&url=${encodeURIComponent(url)}`));
  const checked = () => popup.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('[data-testid=site-switch]');
    return input && !input.disabled ? input.checked : null;
  });
  expect(await until(checked, (c) => c !== null, stepMs)).toBe(false);
  await popup.click('[data-testid=site-switch]');
  await until(checked, (c) => c === true, stepMs);
  await popup.close();
}
