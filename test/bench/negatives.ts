// Freely licensed pictures that are not the artist's, for the quality benchmark's false-match count: fetched
// at bench time from Debian packages (apt-get download + dpkg -x, no root install) into a cache outside the
// repository, normalised to feed-sized JPEGs once, and reused. Nothing here is committed.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import sharp from 'sharp';

/** Clipart (thousands of drawings, flat and line art) and desktop wallpapers (painted, vector, photographic). */
const PACKAGES = ['openclipart-png', 'plasma-workspace-wallpapers', 'mate-backgrounds', 'ukui-wallpapers', 'lomiri-wallpapers', 'desktop-base', 'sway-backgrounds'];
const LONG_SIDE = 768;
/** A folder this small next to a corpus work is one series (an icon set, a theme). */
const SERIES_MAX = 80;

export function benchCache(): string {
  return process.env.INKSEAL_BENCH_CACHE ?? join(homedir(), '.cache', 'inkseal-bench');
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p, { throwIfNoEntry: false });
    if (s?.isDirectory()) walk(p, out);
    else if (s?.isFile() && /\.(png|jpe?g)$/i.test(name) && s.size > 2000) out.push(p);
  }
  return out;
}

function unpack(cache: string, pkg: string, log: (m: string) => void): string {
  const root = join(cache, 'root', pkg);
  if (existsSync(join(root, '.done'))) return root;
  const debs = join(cache, 'debs');
  mkdirSync(debs, { recursive: true });
  let deb = readdirSync(debs).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
  if (!deb) {
    log(`apt-get download ${pkg}`);
    execFileSync('apt-get', ['download', pkg], { cwd: debs, stdio: ['ignore', 'ignore', 'pipe'] });
    deb = readdirSync(debs).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
    if (!deb) throw new Error(`apt-get download ${pkg} left no .deb`);
  }
  mkdirSync(root, { recursive: true });
  execFileSync('dpkg', ['-x', join(debs, deb), root]);
  writeFileSync(join(root, '.done'), '');
  return root;
}

export interface NegativeSource { file: string; pkg: string; data: Buffer }

/**
 * Up to `count` negatives, spread over the packages, never a picture of `exclude` (the original files of the
 * corpus works, by sha256 and by wallpaper folder: a wallpaper ships several sizes of one picture). The list is
 * the same on every machine with the same package versions (sorted by a hash of the path, then taken in turn).
 */
export async function loadNegatives(count: number, exclude: { sha256: Set<string>; paths: string[]; authors: string[]; creators: string[] }, log: (m: string) => void): Promise<{ negatives: NegativeSource[]; byArtist: number; edits: string[]; themed: string[] }> {
  const cache = benchCache();
  const outDir = join(cache, 'negatives');
  mkdirSync(outDir, { recursive: true });
  // A KDE wallpaper folder holds one picture at several sizes plus its preview screenshot.
  const folder = (p: string) => /^(.*\/wallpapers\/[^/]+)\//.exec(p)?.[1];
  const excludedFolders = new Set(exclude.paths.map(folder).filter((f) => f !== undefined));
  // Debian ships series: an icon theme's devices, a set of moon phases, a desktop theme's lock screen and boot
  // splash of one artwork, one artist's monkey happy and angry. A picture from the same small folder as a corpus
  // work, or by one of the style set's artists (whose other works are tested as same-style negatives), is likely
  // a derivative of that work rather than a negative, and is left out.
  const leaf = (p: string) => p.slice(0, p.lastIndexOf('/'));
  const seriesFolders = new Set(exclude.paths.map(leaf));
  // Openclipart's PNGs name their artist only in the SVG they were made from (openclipart-svg, dc:creator): the
  // style set's artists' other drawings there include versions of the same drawing (Gerald G.'s cherry pie in
  // black and white), which are copies, not negatives. Their other works are tested as same-style negatives.
  const creators = new Set(exclude.creators.map(normalName));
  let byArtist = 0;
  const svg = openclipartSvg(cache, log);
  const byStyleArtist = (path: string) => {
    const theirs = creators.has(normalName(creatorOf(svg(path)) ?? ''));
    if (theirs) byArtist++;
    return theirs;
  };
  // Openclipart drawings are often edits of another's file (an open padlock redrawn from a closed one, the 9-ball
  // from the 8-ball, a monitor from a workstation): the edit keeps the original's path coordinates. Over the
  // package, the share of a drawing's precise coordinate pairs found in one corpus work's SVG is 0 for all but a
  // few dozen files, with nothing between 9 % and 18 %; those sharing ≥ EDIT_SHARE are derivatives, not negatives.
  const edits: string[] = [];
  const corpusPairs = exclude.paths.map((p) => coordinatePairs(svg(p))).filter((s) => s.size >= MIN_PAIRS);
  const editOfCorpus = (path: string) => {
    const pairs = coordinatePairs(svg(path));
    if (pairs.size < MIN_PAIRS) return false;
    const edit = corpusPairs.some((c) => shared(pairs, c) >= EDIT_SHARE * pairs.size);
    if (edit) edits.push(path);
    return edit;
  };
  // An openclipart file name ends with its author's name (`violin_mo_01.png`): matched as a whole word, since a
  // plain substring test made the style artist "mo" drop every computer, monkey and moon from the negatives.
  const authorWords = exclude.authors.map((a) => new RegExp(`(^|[/_.-])${a.replace(/[^A-Za-z0-9]/g, (c) => `\\${c}`)}([/_.-]|$)`, 'i'));
  const byAuthorName = (path: string) => authorWords.some((w) => w.test(path.slice(path.lastIndexOf('/'))));
  // A Debian desktop theme shows one artwork as wallpaper, lock screen, login screen, GRUB and boot splash, from
  // several folders (wallpapers/JoyLockScreen, desktop-base/joy-inksplat-theme, plymouth/themes/joy): a file of a
  // corpus work's theme is that work (Joy's boot splash is its lock screen without the logo).
  const corpusThemes = new Set(exclude.paths.map(themeOf).filter((t) => t !== undefined));
  const themed: string[] = [];
  const ofCorpusTheme = (path: string) => {
    const theirs = corpusThemes.has(themeOf(path) ?? '');
    if (theirs) themed.push(path);
    return theirs;
  };
  const related = (path: string, siblings: number) =>
    excludedFolders.has(folder(path) ?? '') || (seriesFolders.has(leaf(path)) && siblings <= SERIES_MAX) ||
    byAuthorName(path) || byStyleArtist(path) || ofCorpusTheme(path) || editOfCorpus(path);
  const perPackage: { pkg: string; files: string[]; root: string }[] = [];
  for (const pkg of PACKAGES) {
    let root: string;
    try {
      root = unpack(cache, pkg, log);
    } catch (e) {
      log(`skipping ${pkg}: ${(e as Error).message}\n`);
      continue;
    }
    const all = walk(root);
    const perFolder = new Map<string, number>();
    for (const f of all) perFolder.set(leaf(f), (perFolder.get(leaf(f)) ?? 0) + 1);
    const files = all.filter((f) => !related(`/${relative(root, f)}`, perFolder.get(leaf(f)) ?? 0))
      .sort((a, b) => key(a).localeCompare(key(b)));
    perPackage.push({ pkg, files, root });
  }
  // Round robin: wallpapers are few and all go in; clipart fills the rest.
  const chosen: { pkg: string; path: string; root: string }[] = [];
  for (let i = 0; perPackage.some((p) => i < p.files.length); i++) {
    for (const p of perPackage) if (i < p.files.length) chosen.push({ pkg: p.pkg, path: p.files[i]!, root: p.root });
  }
  const out: NegativeSource[] = [];
  const seen = new Set<string>();
  for (const c of chosen) {
    if (out.length >= count) break;
    const name = `${c.pkg}__${relative(c.root, c.path).replace(/[^A-Za-z0-9._-]+/g, '_')}.jpg`;
    const target = join(outDir, name);
    if (!existsSync(target)) {
      const bytes = readFileSync(c.path);
      if (exclude.sha256.has(createHash('sha256').update(bytes).digest('hex'))) continue;
      log(`normalising negative ${out.length + 1}/${count}`);
      try {
        const img = sharp(bytes, { limitInputPixels: 60_000_000 }).flatten({ background: '#ffffff' });
        const stats = await img.clone().stats();
        // Near-blank pictures (a transparent overlay, a single colour) are no test of anything.
        if (stats.channels.slice(0, 3).every((ch) => ch.stdev < 8)) { writeFileSync(target, ''); continue; }
        writeFileSync(target, await img.resize(LONG_SIDE, LONG_SIDE, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 90 }).toBuffer());
      } catch {
        writeFileSync(target, ''); // undecodable: remembered as empty so it is not tried again
        continue;
      }
    }
    const data = readFileSync(target);
    if (data.length === 0) continue;
    const h = createHash('sha256').update(data).digest('hex');
    if (seen.has(h)) continue;
    seen.add(h);
    out.push({ file: name, pkg: c.pkg, data });
  }
  return { negatives: out, byArtist, edits, themed };
}

/** The desktop theme a wallpaper, lock screen or boot splash belongs to (`joy` for JoyLockScreen and joy-inksplat-theme). */
function themeOf(path: string): string | undefined {
  const m = /\/(?:desktop-base|wallpapers|plymouth\/themes)\/([^/]+)\//.exec(path);
  if (!m) return undefined;
  let name = m[1]!.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (let before = ''; before !== name;) {
    before = name;
    name = name.replace(/(theme|lockscreen|withlogo|wallpaper|inksplat)$/, '');
  }
  return name || undefined;
}

const normalName = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

/**
 * The text of the SVG an openclipart PNG (`/usr/share/openclipart/png/…`) was rendered from (openclipart-svg);
 * undefined for other files, or when openclipart-svg cannot be fetched (then nothing is excluded by artist or as
 * an edit, and the bench's counts say so).
 */
function openclipartSvg(cache: string, log: (m: string) => void): (path: string) => string | undefined {
  let root: string | null | undefined;
  const texts = new Map<string, string | undefined>();
  return (path) => {
    const m = /\/usr\/share\/openclipart\/png\/(.+)\.png$/.exec(path);
    if (!m) return undefined;
    if (root === undefined) {
      try {
        root = unpack(cache, 'openclipart-svg', log);
      } catch (e) {
        log(`openclipart-svg unavailable, clipart not checked for the style set's artists or edits: ${(e as Error).message}\n`);
        root = null;
      }
    }
    if (!root) return undefined;
    if (!texts.has(m[1]!)) {
      let text: string | undefined;
      try {
        text = readFileSync(join(root, 'usr/share/openclipart/svg', `${m[1]}.svg`), 'utf8');
      } catch {
        text = undefined;
      }
      texts.set(m[1]!, text);
    }
    return texts.get(m[1]!);
  };
}

/** The artist named in an openclipart SVG's metadata (dc:creator). */
const creatorOf = (text: string | undefined) => (text ? /<dc:creator>[\s\S]*?<dc:title>([^<]*)<\/dc:title>/.exec(text)?.[1] : undefined);

/** Share of a drawing's coordinate pairs found in a corpus work's SVG that makes it an edit of that work. */
const EDIT_SHARE = 0.15;
/** Drawings with fewer precise pairs than this are too simple to tell an edit from a coincidence. */
const MIN_PAIRS = 20;

/** The coordinate pairs of an SVG's paths written to ≥ 4 decimals: an editor keeps them as they were when a path is left alone. */
function coordinatePairs(text: string | undefined): Set<string> {
  const out = new Set<string>();
  if (!text) return out;
  for (const d of text.matchAll(/\sd="([^"]*)"/g)) for (const p of d[1]!.matchAll(/-?\d+\.\d{4,},-?\d+\.\d{4,}/g)) out.add(p[0]);
  return out;
}

function shared(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

const key = (s: string) => createHash('sha1').update(s).digest('hex');
