// `npm run scan` end to end with the real model: a three-work gallery cut from ../corpus/art, reposts of two of
// them, unrelated works and broken files. The corpus is read-only; everything is written to a temp folder.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/scan-lib';
import { corpusDir } from '../support/data';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ART = join(corpusDir(), 'art');
/** Works with no duplicate or re-cut elsewhere in the corpus, so "unrelated" really is. */
const GALLERY = { wallpaper: 'art000_plasma_5120x2880.jpg', ocean: 'art013_gnome_oceans.jpg', hat: 'art060_openclipart_aussie_hat_01.png' };
const UNRELATED = ['art007_mate_Ubuntu-Mate-Cold-no-logo.jpg', 'art080_openclipart_chess_game_01.png'];
/** Files whose own metadata speaks: a ComfyUI output, and a C2PA manifest whose signature no longer matches. */
const GENERATED = join(corpusDir(), 'c2pa', 'ComfyUI_examples__flux_dev_example.png');
const TAMPERED = join(corpusDir(), 'c2pa', 'c2pa-rs__E-sig-CA.jpg');
/** Model load plus 3 gallery works and 6 queries on wasm; a loaded machine needs the margin. */
const SLOW = 120_000;

interface Run { code: number | null; stdout: string; stderr: string }

/** The CLI as a user runs it: a child process, so exit codes and stream separation are real. */
function runCli(args: string[], initCwd = ROOT): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    // As `npm run scan` from `initCwd`: npm starts the script in the package root and says where it was typed.
    const env = { ...process.env, INIT_CWD: initCwd };
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/cli/scan.ts', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
  });
}

/** main() in this process with captured streams, for the cases that need no second model load. */
async function runMain(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

let dir: string;
let gallery: string;
let queries: string;
/** A work's path below the temp folder, as the scanner names it when given relative paths. */
const work = (name: string) => join('gallery', name === GALLERY.hat ? join('clipart', name) : name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inkseal-scan-'));
  gallery = join(dir, 'gallery');
  queries = join(dir, 'queries');
  // One work in a sub-folder: the gallery is searched recursively.
  mkdirSync(join(gallery, 'clipart'), { recursive: true });
  mkdirSync(queries);
  for (const name of Object.values(GALLERY)) copyFileSync(join(ART, name), join(dir, work(name)));

  const ocean = sharp(join(ART, GALLERY.ocean));
  const { width = 0 } = await ocean.metadata();
  await ocean.resize(Math.round(width / 2)).jpeg({ quality: 70 }).toFile(join(queries, 'copy.jpg'));
  // 70 % of each side, off-centre: not one of the crops the gallery stores.
  const wall = await sharp(join(ART, GALLERY.wallpaper)).metadata();
  const [w, h] = [Math.round(wall.width! * 0.7), Math.round(wall.height! * 0.7)];
  await sharp(join(ART, GALLERY.wallpaper)).extract({ left: wall.width! - w - Math.round(wall.width! * 0.05), top: 0, width: w, height: h })
    .jpeg({ quality: 85 }).toFile(join(queries, 'crop.jpg'));
  UNRELATED.forEach((name) => copyFileSync(join(ART, name), join(queries, name)));
  // The hat letterboxed on a phone's screen, photographed on a table: the second stage re-reads the screen
  // from the full-size photo (a zoom), as the extension does.
  const shown = await sharp(join(ART, GALLERY.hat)).flatten({ background: '#ffffff' }).resize(300).toBuffer();
  const shownHeight = (await sharp(shown).metadata()).height!;
  const plate = (width: number, height: number, v: number) => sharp({ create: { width, height, channels: 3, background: { r: v, g: v, b: v + 2 } } }).png().toBuffer();
  await sharp({ create: { width: 1080, height: 1440, channels: 3, background: { r: 70, g: 64, b: 58 } } })
    .composite([{ input: await plate(400, 860, 18), left: 340, top: 290 }, { input: await plate(370, 800, 2), left: 355, top: 320 },
      { input: shown, left: 390, top: 720 - Math.round(shownHeight / 2) }])
    .jpeg({ quality: 88 }).toFile(join(queries, 'phone.jpg'));

  // Negatives: the wallpaper with its light and dark inverted, the hat inverted and mirrored (a way to slip a copy
  // past a platform's duplicate check). Found by the hash, complemented: not the ocean photo, whose hash a plain
  // re-encoding already moves 68 bits.
  await sharp(join(ART, GALLERY.wallpaper)).negate({ alpha: false }).jpeg({ quality: 85 }).toFile(join(queries, 'negative.jpg'));
  await sharp(join(ART, GALLERY.hat)).flatten({ background: '#ffffff' }).negate({ alpha: false }).flop().jpeg({ quality: 85 }).toFile(join(queries, 'negative-mirrored.jpg'));

  writeFileSync(join(queries, 'x.jpg'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
  const jpeg = readFileSync(join(queries, 'copy.jpg'));
  writeFileSync(join(queries, 'truncated.jpg'), jpeg.subarray(0, Math.floor(jpeg.length / 3)));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run scan --json, from the folder holding gallery/ and queries/', () => {
  let run: Run;
  let lines: Record<string, unknown>[];
  const line = (file: string) => lines.find((l) => l.query === join('queries', file));

  beforeAll(async () => {
    run = await runCli(['--gallery', 'gallery', '--json', 'queries'], dir);
    lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  }, SLOW);

  it('exits 0 and prints one JSON line per query, broken files included', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(lines.map((l) => l.query).sort()).toEqual(['copy.jpg', 'crop.jpg', 'phone.jpg', 'negative.jpg', 'negative-mirrored.jpg', 'truncated.jpg', 'x.jpg', ...UNRELATED].map((f) => join('queries', f)).sort());
  });

  it('finds the re-encoded half-size repost as a copy of the right work', () => {
    expect(line('copy.jpg')).toMatchObject({ verdict: 'copy', work: work(GALLERY.ocean), provenance: { ai: false, c2pa: null, evidence: [] } });
    expect(line('copy.jpg')!.score).toBeGreaterThanOrEqual(0.5);
  });

  it('finds the crop as a copy or an edit of the right work', () => {
    expect(['copy', 'edit']).toContain(line('crop.jpg')!.verdict);
    expect(line('crop.jpg')!.work).toBe(work(GALLERY.wallpaper));
  });

  it('finds the work on a photographed phone and says how it was reposted', () => {
    expect(line('phone.jpg')).toMatchObject({ verdict: 'edit', work: work(GALLERY.hat) });
    expect(['framed', 'screen-photo']).toContain(line('phone.jpg')!.transform);
    expect(line('copy.jpg')!.transform).toBeNull();
  });

  it('finds a repost with its colours inverted, as posted or mirrored, and says so', () => {
    expect(line('negative.jpg')).toMatchObject({ verdict: 'copy', work: work(GALLERY.wallpaper), transform: 'inverted' });
    expect(line('negative-mirrored.jpg')).toMatchObject({ verdict: 'copy', work: work(GALLERY.hat), transform: 'inverted-mirror-x' });
  });

  it('calls unrelated works none and still reports all four signals in 0..1', () => {
    for (const name of UNRELATED) {
      const l = line(name)!;
      expect(l).toMatchObject({ verdict: 'none', work: null });
      expect(Object.keys(l.signals as object).sort()).toEqual(['global', 'hash', 'regional', 'style']);
      for (const v of [l.score, ...Object.values(l.signals as object)]) {
        expect(typeof v).toBe('number');
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
  });

  it('reports corrupt and truncated files as error lines and on stderr', () => {
    for (const name of ['x.jpg', 'truncated.jpg']) {
      const l = line(name)!;
      expect(Object.keys(l).sort()).toEqual(['error', 'query']);
      expect(l.error).toEqual(expect.any(String));
      expect(run.stderr).toContain(join('queries', name));
    }
  });

  it('keeps progress off stdout and, without a terminal, \\r off stderr', () => {
    expect(run.stderr).not.toContain('\r');
    expect(run.stderr).toMatch(/9 images in .* 3 copy/);
  });
});

describe('npm run scan (table)', () => {
  it('prints an aligned table with the verdict, score, work, signals and provenance', async () => {
    const r = await runMain(['--gallery', gallery, join(queries, 'copy.jpg'), join(queries, UNRELATED[0]!), join(queries, 'x.jpg'), GENERATED, TAMPERED]);
    expect(r.code, r.stderr).toBe(0);
    const [head, ...rows] = r.stdout.trimEnd().split('\n');
    expect(head!.split(/\s+/)).toEqual(['query', 'verdict', 'transform', 'score', 'work', 'hash', 'global', 'regional', 'style', 'provenance']);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toContain(join(dir, work(GALLERY.ocean)));
    // Aligned: every column starts at the same offset on every line.
    const verdictAt = head!.indexOf('verdict');
    expect(rows.slice(0, 2).map((row) => row.slice(verdictAt).split(/\s+/)[0])).toEqual(['copy', 'none']);
    const provenanceAt = head!.indexOf('provenance');
    expect(rows.map((row) => row.slice(provenanceAt))).toEqual(['-', '-', 'AI: ComfyUI (png-text)', 'c2pa invalid']);
    expect(r.stderr).toContain(`cannot read ${join(queries, 'x.jpg')}`);
  }, SLOW);
});

describe('npm run scan usage', () => {
  it('exits 2 with the usage when --gallery is missing', async () => {
    const r = await runCli(['--json', queries]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--gallery <dir> is required');
    expect(r.stderr).toContain('Usage: npm run scan -- --gallery <dir>');
    expect(r.stdout).toBe('');
  }, SLOW);

  it.each([
    ['no queries', () => ['--gallery', gallery], 'no query files'],
    ['a gallery that is not a folder', () => ['--gallery', join(queries, 'x.jpg'), queries], 'is not a folder'],
    ['an empty gallery', () => ['--gallery', join(dir, 'empty'), queries], 'holds no images'],
    ['a missing query path', () => ['--gallery', gallery, join(dir, 'nope.jpg')], 'cannot read'],
    ['an unknown option', () => ['--gallery', gallery, '--jsn', queries], "Unknown option '--jsn'"],
  ])('exits 2 on %s', async (_, args, text) => {
    mkdirSync(join(dir, 'empty'), { recursive: true });
    const r = await runMain(args());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(text);
    expect(r.stderr).toContain('Usage:');
  });

  it('prints the usage on --help', async () => {
    const r = await runMain(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: npm run scan -- --gallery <dir> [--json] <file-or-dir>...');
  });
});
