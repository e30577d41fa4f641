// The command-line scanner behind `npm run scan`: registers a folder of the artist's works and checks image files
// against it with the same signals, matcher and verdict as the extension, so the two agree on every score.
// Node only. May import: src/engine, src/ml, src/cli. Writes results to stdout, progress and problems to stderr.
import { readFile } from 'node:fs/promises';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { alphaPixels, decodeRaster, postKeypoints } from './decode';
import { fileModel } from './model-io';
import { resolveModelDir } from './model-source';
import { createEmbedder, type Embedder } from '../ml/embedder';
import { computeSignals } from '../ml/signals';
import { GalleryMatcher, quantizeSignals, type Evidence } from '../engine/matcher';
import { decide, type Verdict } from '../engine/verdict';
import { GALLERY_KEYPOINTS, keypoints, type Keypoints } from '../engine/keypoints';
import { pictureBoxes, postMappings } from '../engine/zoom';
import type { Region } from '../engine/regions';
import { bestConfirmed, matchedTile, mirroredToo, screenShown, settle, shortlist } from '../engine/second-stage';
import type { Raster } from '../engine/image';
import { readProvenance, type Provenance, type ProvenanceEvidence } from '../engine/provenance/index';
import { MIN_STYLE_WORKS, packStyles, styleProfile } from '../engine/style';

export const USAGE = `Usage: npm run scan -- --gallery <dir> [--json] <file-or-dir>...

Registers every image under <dir> (searched recursively) as your works, then checks each query image
(files, or folders searched recursively) against them, the way the extension checks a feed.

Options:
  --gallery <dir>  folder of your works: .jpg .jpeg .png .webp .gif .avif .bmp .tif .tiff
  --json           one JSON object per query and line instead of a table:
                   {"query", "verdict", "headline", "work", "transform", "score", "signals": {"hash", "global", "regional", "style"},
                    "provenance": {"ai", "c2pa", "evidence": [{"source", "field", "value", "generator", "declaresAi"}]}}
                   (unreadable files give {"query", "error"})
  -h, --help       show this help

Verdicts: copy (the work itself, resized, re-encoded or mirrored), edit (a crop of it, or it inside a larger
picture), style (close to your style: closer than nearly all reference art and within the range of your own
works' likeness to each other; needs at least ${MIN_STYLE_WORKS} works), none. Scores run 0..1; 0.5 is where a signal
starts to count. The transform says how a copy or edit was reposted, when the match shows it: mirror-x (and
the other turns), cropped, framed, collage, rotated, screen-photo, stickers. The headline is "ai-style" when a
style resemblance's own file declares AI, else the verdict.
Provenance is what the file's own metadata declares: AI (a valid C2PA manifest, the TC260 label, IPTC or a
generator's parameters say AI-generated), or a C2PA manifest that is invalid or could not be verified.
Exit status: 0 when the scan ran, even if some files were unreadable (they are reported); 2 on usage errors.
The model is read from INKSEAL_MODEL_DIR (see README.md, "The model").`;

export interface Out { write(text: string): unknown; isTTY?: boolean }
export interface ScanIO { stdout: Out; stderr: Out }

const IMAGE = /\.(jpe?g|png|webp|gif|avif|bmp|tiff?)$/i;
/**
 * Decodes kept in flight while the current image is embedded: sharp decodes on libuv's pool, off the main thread
 * the wasm embedder runs on. Corpus images (long side <= 1024 px) decode in ~5 ms against ~27 ms of signals, so
 * the scan runs at ~30 images/s either way (2 cores); 4032x3024 PNGs (JPEGs shrink on load, PNGs cannot) went
 * from 11 to 17 images/s with 1 or 2 prefetched. Two keep one ready after a quick image.
 */
const PREFETCH = 2;
/** A TTY status line is redrawn at most this often; a log (not a TTY) gets a line this often. */
const TTY_REFRESH_MS = 100;
const LOG_EVERY_MS = 10_000;

class UsageError extends Error {}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

interface Options { gallery: string; json: boolean; queries: string[] }

function parse(argv: string[]): Options | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: { gallery: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw new UsageError(message(e));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (!values.gallery) throw new UsageError('--gallery <dir> is required: the folder of your works');
  if (positionals.length === 0) throw new UsageError('no query files or folders given');
  return { gallery: values.gallery, json: values.json, queries: positionals };
}

/**
 * Image files under `root` (or `root` itself), in a stable order. Named files are taken whatever their
 * extension; inside folders only image extensions count. Missing paths are usage errors, raised before any slow
 * work; an unreadable sub-folder is only reported, so one bad folder does not stop a long scan.
 */
function listImages(root: string, report: (line: string) => void): string[] {
  let top;
  try {
    top = statSync(root);
  } catch (e) {
    throw new UsageError(`cannot read ${root}: ${message(e)}`);
  }
  if (!top.isDirectory()) return [root];
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string) => {
    try {
      // Symlinked folders are followed; the real-path set ends a link that loops back up the tree.
      const real = realpathSync(dir);
      if (seen.has(real)) return;
      seen.add(real);
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const path = join(dir, entry.name);
        const stat = entry.isSymbolicLink() ? statSync(path, { throwIfNoEntry: false }) : entry;
        if (stat?.isDirectory()) walk(path);
        else if (stat?.isFile() && IMAGE.test(entry.name)) out.push(path);
      }
    } catch (e) {
      report(`inkseal scan: skipping folder ${dir}: ${message(e)}`);
    }
  };
  walk(root);
  return out;
}

/** Every listed image once, in argument order (a file named twice, or inside a named folder, is scanned once). */
function collect(roots: string[], report: (line: string) => void): string[] {
  const byAbsolute = new Map<string, string>();
  for (const path of roots.flatMap((r) => listImages(r, report))) if (!byAbsolute.has(resolve(path))) byAbsolute.set(resolve(path), path);
  return [...byAbsolute.values()];
}

type Decoded = { path: string; raster: Raster; provenance?: Provenance } | { path: string; error: string };

/** Yields each file decoded, in order, with up to PREFETCH more decoding meanwhile; failures are values. */
async function* decoded(paths: string[], role: 'gallery' | 'query'): AsyncGenerator<Decoded> {
  // Reading the bytes ourselves gives plain errors (ENOENT, EACCES, EISDIR) instead of sharp's wording.
  // A query's metadata is read from the same bytes; feeds strip it, files on disk often keep it.
  const provenance = async (bytes: Buffer) => readProvenance(bytes, { pixels: (await alphaPixels(bytes).catch(() => null)) ?? undefined });
  const load = (path: string): Promise<Decoded> => readFile(path)
    .then(async (bytes) => ({ path, raster: await decodeRaster(bytes, role), provenance: role === 'query' ? await provenance(bytes) : undefined }))
    .catch((e: unknown) => ({ path, error: message(e) }));
  const pending: Promise<Decoded>[] = [];
  let next = 0;
  while (next < paths.length || pending.length > 0) {
    while (next < paths.length && pending.length <= PREFETCH) pending.push(load(paths[next++]!));
    yield await pending.shift()!;
  }
}

/** Signals of every decodable file, in order; a file that fails to decode or embed yields its error instead. */
async function* analysed(embedder: Embedder, paths: string[], role: 'gallery' | 'query') {
  for await (const d of decoded(paths, role)) {
    if ('error' in d) { yield d; continue; }
    try {
      yield { path: d.path, raster: d.raster, provenance: d.provenance, signals: await computeSignals(embedder, d.raster, role) };
    } catch (e) {
      yield { path: d.path, error: message(e) };
    }
  }
}

/** The stderr status line: redrawn in place on a terminal, an occasional plain line in a log. */
class Progress {
  private shown = '';
  private last = -Infinity;
  private readonly tty: boolean;

  constructor(private readonly err: Out) {
    this.tty = !!err.isTTY;
  }

  update(status: string): void {
    const now = performance.now();
    if (this.tty) {
      if (this.shown && now - this.last < TTY_REFRESH_MS) return;
      this.err.write(`\r\x1b[K${status}`);
      this.shown = status;
    } else {
      if (now - this.last < LOG_EVERY_MS) return;
      this.err.write(`${status}\n`);
    }
    this.last = now;
  }

  /** Erases the status line so a message (or stdout on the same terminal) does not land in the middle of it. */
  clear(): void {
    if (this.tty && this.shown) this.err.write('\r\x1b[K');
    this.shown = '';
  }

  log(line: string): void {
    this.clear();
    this.err.write(`${line}\n`);
  }
}

function rateText(done: number, total: number, started: number): string {
  const seconds = (performance.now() - started) / 1000;
  const rate = done / Math.max(seconds, 1e-3);
  const eta = done > 0 && done < total ? ` · ${Math.ceil((total - done) / rate)} s left` : '';
  return `${rate.toFixed(1)} images/s${eta}`;
}

/** Printed scores: rounded to 3 decimals and held in 0..1 (a float cosine can land a hair outside). */
const unit = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;

type ProvenanceRow = { ai: boolean; c2pa: string | null; evidence: Pick<ProvenanceEvidence, 'source' | 'field' | 'value' | 'generator' | 'declaresAi'>[] };
interface Row { query: string; verdict: Verdict['kind']; headline: string; work: string | null; transform: string | null; score: number; signals: Record<'hash' | 'global' | 'regional' | 'style', number>; provenance: ProvenanceRow }

function provenanceRow(p: Provenance | undefined): ProvenanceRow {
  return {
    ai: p?.ai ?? false, c2pa: p?.c2pa?.valid ?? null,
    evidence: (p?.evidence ?? []).map(({ source, field, value, generator, declaresAi }) => ({ source, field, value, generator, declaresAi })),
  };
}

/** The table's provenance cell: what declared AI and where ("AI: ComfyUI (png-text)"), else a C2PA manifest's state. */
function provenanceText(p: ProvenanceRow): string {
  const declaring = p.evidence.filter((e) => e.declaresAi);
  if (declaring.length > 0) {
    const unique = (xs: string[]) => [...new Set(xs)].join(', ');
    // A source type says more than the claim generator's name; a generator's name more than its field.
    const what = unique(declaring.map((e) => (e.source === 'c2pa' || e.source === 'iptc' ? e.value : e.generator ?? e.field)));
    return `AI: ${what} (${unique(declaring.map((e) => e.source))})`;
  }
  return p.c2pa && p.c2pa !== 'valid' ? `c2pa ${p.c2pa}` : p.c2pa ? 'c2pa valid, not AI' : '-';
}

function row(query: string, e: Evidence, v: Verdict, p: Provenance | undefined): Row {
  // decide() reports each signal's raw best; the evidence holds the same numbers should it ever leave them out.
  const s = v.signals ?? { hash: e.hash?.score ?? 0, global: e.global?.score ?? 0, regional: e.regional?.score ?? 0, style: e.style?.score ?? 0 };
  // A style resemblance whose own file declares AI is the case Inkseal was made for: say it as one.
  const headline = v.kind === 'style' && p?.ai ? 'ai-style' : v.kind;
  return {
    query, verdict: v.kind, headline, work: v.workId, transform: v.kind === 'none' ? null : v.transform ?? null, score: unit(v.score),
    signals: { hash: unit(s.hash), global: unit(s.global), regional: unit(s.regional), style: unit(s.style) },
    provenance: provenanceRow(p),
  };
}

function table(rows: Row[]): string {
  const head = ['query', 'verdict', 'transform', 'score', 'work', 'hash', 'global', 'regional', 'style', 'provenance'];
  const cells = rows.map((r) => [r.query, r.headline === 'ai-style' ? 'style (AI)' : r.verdict, r.transform ?? '-', r.score.toFixed(3), r.work ?? '-',
    ...[r.signals.hash, r.signals.global, r.signals.regional, r.signals.style].map((x) => x.toFixed(3)), provenanceText(r.provenance)]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const numeric = new Set([3, 5, 6, 7, 8]);
  const line = (c: string[]) => c.map((x, i) => (numeric.has(i) ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...cells.map(line)].join('\n') + '\n';
}

/** What the style verdict can say with this gallery: too few works, or how it was calibrated. */
function styleLine(styles: Float32Array[]): string {
  const profile = styleProfile(packStyles(styles));
  if (!profile) return `inkseal scan: no style verdict: it needs at least ${MIN_STYLE_WORKS} works (the gallery has ${styles.length})`;
  const note = profile.status === 'not-distinctive' ? '; other art comes as close to your works as they come to each other, so it will rarely fire' : '';
  return `inkseal scan: style verdict calibrated on ${profile.works} works (flags a margin, nearest works minus nearest reference art, ≥ ${profile.threshold.toFixed(3)}; `
    + `your works' own ${profile.own.mean.toFixed(3)} ± ${profile.own.std.toFixed(3)}${profile.others ? `, reference art's high ${profile.others.high.toFixed(3)}` : ''})${note}`;
}

async function register(embedder: Embedder, files: string[], progress: Progress): Promise<GalleryMatcher> {
  const matcher = new GalleryMatcher();
  const styles: Float32Array[] = [];
  const started = performance.now();
  let done = 0;
  for await (const a of analysed(embedder, files, 'gallery')) {
    done++;
    if ('error' in a) progress.log(`inkseal scan: skipping gallery file ${a.path}: ${a.error}`);
    else {
      matcher.add(quantizeSignals({ id: a.path, hash: a.signals.hashes[0]!, hashQuality: a.signals.hashQuality, vectors: a.signals.vectors, style: a.signals.style, thumb: a.signals.thumb }));
      styles.push(a.signals.style);
    }
    progress.update(`gallery ${done}/${files.length} · ${rateText(done, files.length, started)}`);
  }
  const skipped = files.length > matcher.size ? ` (${files.length - matcher.size} unreadable, skipped)` : '';
  progress.log(`inkseal scan: gallery of ${matcher.size} works${skipped} registered in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (matcher.size > 0) progress.log(styleLine(styles));
  return matcher;
}

/** Gallery works' keypoints, made when a work is first shortlisted (gallery ids are file paths). */
const workKeypoints = new Map<string, Promise<Keypoints>>();
const galleryKeypoints = (path: string) => decodeRaster(path, 'query').then((r) => keypoints(r, GALLERY_KEYPOINTS));

/** The second stage (engine/second-stage.ts), as the extension runs it: only for a shortlisted work, with zooms. */
async function verified(path: string, raster: Raster, regions: Region[], evidence: Evidence, verdict: Verdict): Promise<Verdict> {
  const ids = shortlist(evidence, verdict);
  if (ids.length === 0) return verdict;
  const works = await Promise.all(ids.map((id) => {
    let k = workKeypoints.get(id);
    if (!k) workKeypoints.set(id, (k = galleryKeypoints(id)));
    return k;
  }));
  const post = await postKeypoints(path, raster, regions, works, { tile: matchedTile(evidence), full: mirroredToo(verdict) });
  const mappings = postMappings(post.keypoints, post.zooms, works, { full: post.full, mirror: mirroredToo(verdict), screen: screenShown(evidence), pictures: pictureBoxes(regions) });
  const best = bestConfirmed(ids.map((id, i) => ({ id, mapping: mappings[i]! })));
  return settle(verdict, evidence, best);
}

interface Plan { json: boolean; gallery: string[]; queries: string[] }

/** Everything cheap is checked before the model loads, so a typo fails at once rather than after the gallery. */
function plan(argv: string[], report: (line: string) => void): Plan | 'help' {
  const options = parse(argv);
  if (options === 'help') return options;
  if (!statSync(options.gallery, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--gallery ${options.gallery} is not a folder`);
  const gallery = collect([options.gallery], report);
  if (gallery.length === 0) throw new UsageError(`the gallery ${options.gallery} holds no images`);
  const queries = collect(options.queries, report);
  if (queries.length === 0) throw new UsageError(`no images found in ${options.queries.join(', ')}`);
  return { json: options.json, gallery, queries };
}

async function scan(embedder: Embedder, matcher: GalleryMatcher, plan: Plan, io: ScanIO, progress: Progress): Promise<void> {
  const emit = (line: string) => {
    if (io.stdout.isTTY) progress.clear();
    io.stdout.write(`${line}\n`);
  };
  const rows: Row[] = [];
  const counts = new Map<string, number>();
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const started = performance.now();
  let done = 0;
  for await (const a of analysed(embedder, plan.queries, 'query')) {
    done++;
    if ('error' in a) {
      count('unreadable');
      progress.log(`inkseal scan: cannot read ${a.path}: ${a.error}`);
      if (plan.json) emit(JSON.stringify({ query: a.path, error: a.error }));
    } else {
      const { hashes, hashQuality, vectors, style, regions, screen, thumb } = a.signals;
      // The regions' kinds let the verdict say "in a collage", "rotated", "photo of a screen".
      const evidence = matcher.match({ hashes, hashQuality, vectors, style, kinds: regions.map((r) => r.kind ?? 'whole'), screen, thumb });
      const r = row(a.path, evidence, await verified(a.path, a.raster, regions, evidence, decide(evidence)), a.provenance);
      count(r.verdict);
      // JSON lines stream as they come so a long scan can be piped; the table needs every row to align.
      if (plan.json) emit(JSON.stringify(r));
      else rows.push(r);
    }
    progress.update(`scan ${done}/${plan.queries.length} · ${rateText(done, plan.queries.length, started)}`);
  }
  progress.clear();
  if (!plan.json) io.stdout.write(table(rows));
  const summary = ['copy', 'edit', 'style', 'none', 'unreadable'].map((k) => `${counts.get(k) ?? 0} ${k}`).join(', ');
  progress.log(`inkseal scan: ${done} image${done === 1 ? '' : 's'} in ${((performance.now() - started) / 1000).toFixed(1)} s (${rateText(done, done, started)}): ${summary}`);
}

/** Runs the scanner on `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: ScanIO): Promise<number> {
  const progress = new Progress(io.stderr);
  let p: Plan | 'help';
  try {
    p = plan(argv, (line) => progress.log(line));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`inkseal scan: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (p === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }

  let embedder: Embedder;
  try {
    embedder = await createEmbedder({ model: fileModel(resolveModelDir()) });
  } catch (e) {
    io.stderr.write(`inkseal scan: cannot load the model: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const matcher = await register(embedder, p.gallery, progress);
  if (matcher.size === 0) {
    io.stderr.write(`inkseal scan: none of the ${p.gallery.length} gallery images could be read\n\n${USAGE}\n`);
    return 2;
  }
  await scan(embedder, matcher, p, io, progress);
  return 0;
}
