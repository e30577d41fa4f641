// npm run bench:probe — reposts made by transforms that no part of the engine was tuned on (bench:quality's
// generators are variants.ts and families.ts; these are not in either): a story frame on a blurred copy of the
// work, hue turns, vignette + warm tone + grain, a thumbnail blown up again, a tiny JPEG at quality 15, the left
// half only, the work pasted slanted onto another picture (a mock-up), a pixelated corner, mirrored + tilted +
// cropped, and colours inverted. Each on 49 gallery works (every 6th of corpus/art, works 1–2 of each style
// artist) and on 49 others (every 6th from the 3rd of corpus/art, works 7–8 of each style artist: same-style
// negatives). Runs the CLI scan (the extension's engine with its second stage) and prints, per transform, the
// reposts found with the right work and the other pictures flagged. Prints figures; asserts nothing.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { main } from '../../src/cli/scan-lib';
import { corpusDir } from '../support/data';
import { between, mulberry32 } from './variants';

type Transform = (work: Buffer, rnd: () => number, backdrop: Buffer) => Promise<Buffer>;

const WHITE = { background: '#ffffff' };
const CLEAR = { background: { r: 0, g: 0, b: 0, alpha: 0 } };
const flat = (b: Buffer) => sharp(b).flatten(WHITE);
const raw = (b: Buffer) => flat(b).removeAlpha().raw().toBuffer({ resolveWithObject: true });

const TRANSFORMS: Record<string, Transform> = {
  // A 9:16 story: the work fitted in the middle of a blurred, darkened, enlarged copy of itself.
  'story-blur': async (b, rnd) => {
    const W = 1080, H = 1920;
    const back = await flat(b).resize(W, H, { fit: 'cover' }).blur(40).modulate({ brightness: 0.8 }).toBuffer();
    const front = await flat(b).resize(Math.round(W * between(rnd, 0.8, 0.95)), Math.round(H * 0.7), { fit: 'inside' }).toBuffer({ resolveWithObject: true });
    const top = Math.round((H - front.info.height) / 2 + between(rnd, -100, 100));
    return sharp(back).composite([{ input: front.data, left: Math.round((W - front.info.width) / 2), top }]).jpeg({ quality: 85 }).toBuffer();
  },
  'hue-turn': (b, rnd) => flat(b).modulate({ hue: Math.round(between(rnd, 60, 300)) }).jpeg({ quality: 85 }).toBuffer(),
  'vignette-warm-grain': async (b, rnd) => {
    const { data, info } = await sharp(await flat(b).resize(900, 900, { fit: 'inside' }).toBuffer()).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const out = Buffer.alloc(data.length);
    const warm = [1.08, 1, 0.88];
    for (let y = 0; y < info.height; y++) {
      for (let x = 0; x < info.width; x++) {
        const dx = x / info.width - 0.5, dy = y / info.height - 0.5;
        const v = 1 - 0.9 * (dx * dx + dy * dy);
        for (let c = 0; c < 3; c++) {
          const i = (y * info.width + x) * 3 + c;
          out[i] = Math.max(0, Math.min(255, data[i]! * v * warm[c]! + (rnd() - 0.5) * 30));
        }
      }
    }
    return sharp(out, { raw: { width: info.width, height: info.height, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
  },
  'thumbnail-blown-up': async (b, rnd) =>
    sharp(await flat(b).resize(Math.round(between(rnd, 100, 140))).toBuffer()).resize(640).sharpen().jpeg({ quality: 80 }).toBuffer(),
  'tiny-jpeg-q15': (b) => flat(b).resize(360, 360, { fit: 'inside' }).jpeg({ quality: 15 }).toBuffer(),
  'left-half': async (b) => {
    const { width, height } = await sharp(b).metadata();
    return flat(b).extract({ left: 0, top: 0, width: Math.round(width! / 2), height: height! }).jpeg({ quality: 85 }).toBuffer();
  },
  // Merchandise and mood-board reposts: the work pasted, a little slanted, somewhere on another picture.
  'mock-up': async (b, rnd, backdrop) => {
    // Square, 4:3, 3:4 and 16:9 posts.
    const W = 1080, H = Math.round(W * [1, 0.75, 4 / 3, 9 / 16][Math.floor(rnd() * 4)]!);
    const back = await flat(backdrop).resize(W, H, { fit: 'cover' }).blur(3).toBuffer();
    const side = Math.round(Math.min(W, H) * between(rnd, 0.45, 0.65));
    const front = await flat(b).resize(side, side, { fit: 'inside' })
      .affine([[1, between(rnd, -0.04, 0.04)], [between(rnd, -0.06, 0.06), 1]], CLEAR)
      .rotate(Math.round(between(rnd, -8, 8)), CLEAR).png().toBuffer({ resolveWithObject: true });
    const left = Math.round((W - front.info.width) * rnd()), top = Math.round((H - front.info.height) * rnd());
    return sharp(back).composite([{ input: front.data, left, top }]).jpeg({ quality: 85 }).toBuffer();
  },
  // A signature hidden under a mosaic.
  'pixelated-corner': async (b) => {
    const { data, info } = await raw(b);
    const pixels = { raw: { width: info.width, height: info.height, channels: 3 as const } };
    const w = Math.round(info.width * 0.3), h = Math.round(info.height * 0.2);
    const patch = await sharp(data, pixels).extract({ left: info.width - w, top: info.height - h, width: w, height: h })
      .resize(Math.max(1, Math.round(w / 16))).resize(w, h, { kernel: 'nearest', fit: 'fill' }).png().toBuffer();
    return sharp(data, pixels).composite([{ input: patch, left: info.width - w, top: info.height - h }]).jpeg({ quality: 85 }).toBuffer();
  },
  'mirror-tilt-crop': async (b, rnd) => {
    const turned = await flat(b).flop().rotate(between(rnd, 6, 10), WHITE).toBuffer({ resolveWithObject: true });
    const { width, height } = turned.info;
    return sharp(turned.data).extract({ left: Math.round(width * 0.12), top: Math.round(height * 0.12), width: Math.round(width * 0.76), height: Math.round(height * 0.76) })
      .jpeg({ quality: 85 }).toBuffer();
  },
  inverted: (b) => flat(b).negate({ alpha: false }).jpeg({ quality: 85 }).toBuffer(),
  // A detail: half the work's width and height (a quarter of it), anywhere in it.
  'quarter-crop': async (b, rnd) => {
    const { width, height } = await sharp(b).metadata();
    const w = Math.round(width! * between(rnd, 0.5, 0.56)), h = Math.round(height! * between(rnd, 0.5, 0.56));
    return flat(b).extract({ left: Math.round((width! - w) * rnd()), top: Math.round((height! - h) * rnd()), width: w, height: h }).jpeg({ quality: 85 }).toBuffer();
  },
  // Squeezed or stretched to another shape (a feed's fixed aspect, no crop).
  stretched: async (b, rnd) => {
    const { width, height } = await sharp(b).metadata();
    const k = between(rnd, 1.25, 1.45);
    const wide = rnd() < 0.5;
    return flat(b).resize(Math.round(width! * (wide ? k : 1)), Math.round(height! * (wide ? 1 : k)), { fit: 'fill' }).jpeg({ quality: 85 }).toBuffer();
  },
  'quarter-turn': (b, rnd) => flat(b).rotate(rnd() < 0.5 ? 90 : 270).jpeg({ quality: 85 }).toBuffer(),
  // "Before / after" or "mine / theirs": the work beside another picture, with a gutter.
  'side-by-side': async (b, rnd, backdrop) => {
    const H = 720, g = Math.round(between(rnd, 0, 24));
    const left = await flat(b).resize(600, H, { fit: 'cover' }).toBuffer();
    const right = await flat(backdrop).resize(600, H, { fit: 'cover' }).toBuffer();
    const workFirst = rnd() < 0.5;
    return sharp({ create: { width: 1200 + g, height: H, channels: 3, background: '#ffffff' } })
      .composite([{ input: workFirst ? left : right, left: 0, top: 0 }, { input: workFirst ? right : left, left: 600 + g, top: 0 }])
      .jpeg({ quality: 85 }).toBuffer();
  },
};

const corpus = corpusDir();
const art = readdirSync(join(corpus, 'art')).filter((f) => /\.(png|jpe?g)$/.test(f)).sort().map((f) => join(corpus, 'art', f));
const style = readdirSync(join(corpus, 'style')).filter((f) => /__\d+\.png$/.test(f)).sort().map((f) => join(corpus, 'style', f));
const styleNo = (f: string) => Number(/__(\d+)\.png$/.exec(f)![1]);
const gallery = [...art.filter((_, i) => i % 6 === 0), ...style.filter((f) => styleNo(f) <= 2)];
const others = [...art.filter((_, i) => i % 6 === 3), ...style.filter((f) => styleNo(f) >= 7)];
const backdrops = others.slice(0, 10).map((f) => readFileSync(f));
const stem = (f: string) => basename(f).replace(/\.\w+$/, '');

const root = mkdtempSync(join(tmpdir(), 'inkseal-probe-'));
try {
  for (const d of ['gallery', 'reposts', 'others']) mkdirSync(join(root, d));
  for (const f of gallery) writeFileSync(join(root, 'gallery', basename(f)), readFileSync(f));
  const rnd = mulberry32(20261203);
  // INKSEAL_PROBE_ONLY=a,b: only these transforms are scanned (the others are still made, so each keeps its draws).
  const only = process.env.INKSEAL_PROBE_ONLY?.split(',').filter(Boolean);
  for (const [name, make] of Object.entries(TRANSFORMS)) {
    const skipped = only !== undefined && !only.includes(name);
    process.stderr.write(`\rmaking ${name.padEnd(24)}`);
    for (const [dir, files] of [['reposts', gallery], ['others', others]] as const) {
      for (const f of files) {
        const backdrop = backdrops[Math.floor(rnd() * backdrops.length)]!;
        const made = await make(readFileSync(f), rnd, backdrop);
        if (!skipped) writeFileSync(join(root, dir, `${name}__${stem(f)}.jpg`), made);
      }
    }
  }
  process.stderr.write('\n');
  let out = '';
  const code = await main(['--gallery', join(root, 'gallery'), '--json', join(root, 'reposts'), join(root, 'others')],
    { stdout: { write: (s: string) => { out += s; return true; } }, stderr: process.stderr });
  if (code !== 0) throw new Error(`the scan exited with ${code}`);
  const rows = new Map<string, { found: number; reposts: number; flagged: number; others: number; missed: number[] }>();
  for (const line of out.split('\n').filter((l) => l.startsWith('{'))) {
    const r = JSON.parse(line) as { query: string; verdict?: string; work?: string; score?: number };
    const [name, source] = basename(r.query).replace(/\.jpg$/, '').split(/__(.*)/s) as [string, string];
    const row = rows.get(name) ?? { found: 0, reposts: 0, flagged: 0, others: 0, missed: [] };
    rows.set(name, row);
    const flagged = r.verdict === 'copy' || r.verdict === 'edit';
    if (r.query.includes('/reposts/')) {
      row.reposts++;
      if (flagged && r.work && stem(r.work) === source) row.found++;
      else row.missed.push(r.score ?? 0);
    } else {
      row.others++;
      if (flagged) row.flagged++;
    }
  }
  console.log(`\nreposts by transforms the engine was not tuned on (${gallery.length} gallery works; ${others.length} other pictures, same transforms)`);
  console.log(`${'transform'.padEnd(22)} ${'found'.padStart(12)} ${'others flagged'.padStart(15)}  missed reposts' scores`);
  let found = 0, reposts = 0, flagged = 0, all = 0;
  for (const [name, r] of rows) {
    found += r.found; reposts += r.reposts; flagged += r.flagged; all += r.others;
    const missed = r.missed.sort((a, b) => b - a).slice(0, 5).map((s) => s.toFixed(2)).join(' ');
    console.log(`${name.padEnd(22)} ${`${r.found}/${r.reposts}`.padStart(7)} ${`${((100 * r.found) / r.reposts).toFixed(0)}%`.padStart(4)} ${`${r.flagged}/${r.others}`.padStart(15)}  ${missed}`);
  }
  console.log(`${'all'.padEnd(22)} ${`${found}/${reposts}`.padStart(7)} ${`${((100 * found) / reposts).toFixed(0)}%`.padStart(4)} ${`${flagged}/${all}`.padStart(15)}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
