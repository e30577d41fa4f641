/**
 * Repost families the first generator (variants.ts) did not know, as artists meet them on Xiaohongshu and Weibo:
 * the work as one tile of a collage (九宫格), a photo of a screen, stickers over it, a tilt with the corners
 * filled, deep crops, frames, chat-app and viewer screenshots, caption bars, words tiled over it. Each family has several random
 * parameter draws; draw d of family f for seed s is reproducible and independent of the others.
 *
 * Every variant says where the work ended up (`truth`), so the generator can be tested and the detector's box
 * compared with it.
 */
import sharp, { type OverlayOptions } from 'sharp';
import { homography, apply, rotatedRect, type Quad } from '../../src/engine/geometry';
import {
  CAPTIONS, ICONS, between, coin, ems, icon, jpeg, open, pick, rngFor, text, toRaw, zh,
  type Encoded, type RawImage, type Rng,
} from './variants';

export const FAMILIES = [
  'collage', 'screen-photo', 'stickers', 'rotate-fill', 'crop-deep', 'frame', 'phone-chat', 'caption-bar', 'screen-fill',
  'tiled-mark',
] as const;
export type Family = (typeof FAMILIES)[number];

export interface FamilyVariant extends Encoded {
  family: Family;
  draw: number;
  /** The parameters drawn, human-readable: "3x3 gutter 2% tile 4", "black fill 7.5°", … */
  detail: string;
  /** Where the work's picture sits in the output, as fractions [x, y, w, h] (axis-aligned families). */
  box?: [number, number, number, number];
  /** Corners of the work's picture in output pixels (tilted and perspective families). */
  quad?: Quad;
  /** Fraction of the picture hidden by stickers. */
  covered?: number;
}

const svgOf = (w: number, h: number, body: string) =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${body}</svg>`);
const hex = (rng: Rng, lo = 0, hi = 255) => {
  const c = () => Math.round(between(rng, lo, hi)).toString(16).padStart(2, '0');
  return `#${c()}${c()}${c()}`;
};
const int = (rng: Rng, lo: number, hi: number) => Math.floor(between(rng, lo, hi + 1));
const frac = (x: number, y: number, w: number, h: number, W: number, H: number): [number, number, number, number] =>
  [x / W, y / H, w / W, h / H];

/** `img` resized to exactly w × h: 'cover' crops the centre, 'contain' letterboxes with `bg`. */
async function fitTo(img: RawImage, w: number, h: number, fit: 'cover' | 'contain', bg = '#ffffff'): Promise<RawImage> {
  return toRaw(open(img).resize(w, h, { fit, background: bg }));
}

/** A canvas of w × h in one colour, or blurred and darkened copy of `img` stretched over it. */
async function canvas(w: number, h: number, fill: string | { blur: RawImage; sigma: number; dim: number }): Promise<RawImage> {
  if (typeof fill === 'string') return toRaw(sharp({ create: { width: w, height: h, channels: 3, background: fill } }));
  return toRaw(open(fill.blur).resize(w, h, { fit: 'cover' }).blur(fill.sigma).modulate({ brightness: fill.dim }));
}

async function paste(bg: RawImage, img: RawImage, left: number, top: number): Promise<RawImage> {
  const png = await open(img).png().toBuffer();
  return toRaw(open(bg).composite([{ input: png, left: Math.round(left), top: Math.round(top) }]));
}

async function overlay(bg: RawImage, svg: Buffer): Promise<RawImage> {
  return toRaw(open(bg).composite([{ input: svg, left: 0, top: 0 }]));
}

// ---------- collage (九宫格) ----------

async function collage(work: RawImage, rng: Rng, fillers: RawImage[]): Promise<Omit<FamilyVariant, 'family' | 'draw'>> {
  const [rows, cols] = pick(rng, [[2, 2], [3, 3], [3, 3], [2, 2], [2, 3], [3, 2], [1, 2], [1, 3]] as const);
  const W = 1080;
  const gutter = rng() < 0.3 ? 0 : Math.round(W * between(rng, 0.005, 0.025));
  const outer = coin(rng) ? gutter : 0;
  const square = rng() < 0.7;
  const cellW = Math.floor((W - 2 * outer - (cols - 1) * gutter) / cols);
  const cellH = square ? cellW : Math.round((cellW * work.height) / work.width);
  const H = 2 * outer + rows * cellH + (rows - 1) * gutter;
  const colour = pick(rng, ['#ffffff', '#ffffff', '#000000', hex(rng, 170, 250)]);
  const fit = rng() < 0.8 ? 'cover' : 'contain';
  const tile = int(rng, 0, rows * cols - 1);
  const parts: OverlayOptions[] = [];
  let box: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < rows * cols; i++) {
    const x = outer + (i % cols) * (cellW + gutter), y = outer + Math.floor(i / cols) * (cellH + gutter);
    const src = i === tile ? work : fillers[int(rng, 0, fillers.length - 1)]!;
    const cell = await fitTo(src, cellW, cellH, fit, colour);
    parts.push({ input: await open(cell).png().toBuffer(), left: x, top: y });
    if (i === tile) {
      // 'contain' letterboxes the work inside its cell: the box is the picture itself.
      const k = fit === 'contain' ? Math.min(cellW / work.width, cellH / work.height) : 0;
      const [pw, ph] = fit === 'contain' ? [Math.round(work.width * k), Math.round(work.height * k)] : [cellW, cellH];
      box = frac(x + Math.floor((cellW - pw) / 2), y + Math.floor((cellH - ph) / 2), pw, ph, W, H);
    }
  }
  const out = await toRaw(sharp({ create: { width: W, height: H, channels: 3, background: colour } }).composite(parts));
  return { ...(await jpeg(out, int(rng, 75, 90))), detail: `${rows}x${cols} gutter ${gutter}px ${fit} tile ${tile}`, box };
}

// ---------- photo of a screen ----------

/** Paints `img` into `bg` so that its corners land on `quad` (a perspective warp), bilinear. */
function warpInto(bg: RawImage, img: RawImage, quad: Quad): RawImage {
  const h = homography(quad, [{ x: 0, y: 0 }, { x: img.width, y: 0 }, { x: img.width, y: img.height }, { x: 0, y: img.height }]);
  if (!h) throw new Error('degenerate quad');
  const out = Buffer.from(bg.data);
  const xs = quad.map((p) => p.x), ys = quad.map((p) => p.y);
  const x0 = Math.max(0, Math.floor(Math.min(...xs))), x1 = Math.min(bg.width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys))), y1 = Math.min(bg.height - 1, Math.ceil(Math.max(...ys)));
  const { width: w, height: hh, data } = img;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const p = apply(h, { x: x + 0.5, y: y + 0.5 });
      const fx = p.x - 0.5, fy = p.y - 0.5;
      if (fx < 0 || fy < 0 || fx > w - 1 || fy > hh - 1) continue;
      const ix = Math.floor(fx), iy = Math.floor(fy), dx = fx - ix, dy = fy - iy;
      const jx = Math.min(w - 1, ix + 1), jy = Math.min(hh - 1, iy + 1);
      for (let k = 0; k < 3; k++) {
        const a = data[(iy * w + ix) * 3 + k]!, b = data[(iy * w + jx) * 3 + k]!;
        const c = data[(jy * w + ix) * 3 + k]!, d = data[(jy * w + jx) * 3 + k]!;
        out[(y * bg.width + x) * 3 + k] = (a + (b - a) * dx) * (1 - dy) + (c + (d - c) * dx) * dy + 0.5;
      }
    }
  }
  return { data: out, width: bg.width, height: bg.height };
}

/** How a screen shows the work: in the work's own proportions, or in a panel's, whole on black or cut to fill it. */
interface Panel { name: string; aspect?: number; fit?: 'contain' | 'cover' }
/** screen-photo: the work full screen, sometimes letterboxed in a 16:9 or phone panel. */
const PHOTO_PANELS: readonly Panel[] = [
  { name: 'fit' }, { name: 'fit' }, { name: '16:9', aspect: 16 / 9, fit: 'contain' }, { name: '9:19.5', aspect: 9 / 19.5, fit: 'contain' },
];
/**
 * screen-fill: a screen of other proportions than the work's — a monitor, a tablet, a phone held either way —
 * showing it whole with bars beside or above it, or cut to fill the screen (a wallpaper, a zoomed viewer).
 */
const FILL_PANELS: readonly Panel[] = [
  { name: '16:9 cover', aspect: 16 / 9, fit: 'cover' }, { name: '4:3 cover', aspect: 4 / 3, fit: 'cover' },
  { name: '9:19.5 cover', aspect: 9 / 19.5, fit: 'cover' }, { name: '16:10 contain', aspect: 16 / 10, fit: 'contain' },
  { name: '4:3 contain', aspect: 4 / 3, fit: 'contain' }, { name: '3:4 contain', aspect: 3 / 4, fit: 'contain' },
];

const screenPhoto = (work: RawImage, rng: Rng, fillers: RawImage[]) => photographedScreen(work, rng, fillers, PHOTO_PANELS);
const screenFill = (work: RawImage, rng: Rng, fillers: RawImage[]) => photographedScreen(work, rng, fillers, FILL_PANELS);

async function photographedScreen(work: RawImage, rng: Rng, fillers: RawImage[], panels: readonly Panel[]): Promise<Omit<FamilyVariant, 'family' | 'draw'>> {
  const panel = pick(rng, panels);
  const base = 720;
  let screen: RawImage;
  if (!panel.aspect) screen = await toRaw(open(work).resize({ width: base, height: base, fit: 'inside' }));
  else {
    const [pw, ph] = panel.aspect >= 1 ? [base, Math.round(base / panel.aspect)] : [Math.round(base * panel.aspect), base];
    screen = await fitTo(work, pw, ph, panel.fit!, '#000000');
  }
  const bezel = Math.round(Math.min(screen.width, screen.height) * between(rng, 0.015, 0.06));
  const device = await toRaw(open(screen).extend({ top: bezel, bottom: bezel, left: bezel, right: bezel, background: hex(rng, 5, 35) }));
  const W = 1080, H = coin(rng) ? 1440 : 1080;
  // Dark surround: a blurred, darkened other picture (a room), or a plain dark gradient.
  const bg = coin(rng)
    ? await canvas(W, H, { blur: fillers[int(rng, 0, fillers.length - 1)]!, sigma: 25, dim: between(rng, 0.15, 0.35) })
    : await overlay(await canvas(W, H, hex(rng, 8, 40)), svgOf(W, H,
      `<defs><radialGradient id="r"><stop offset="0" stop-color="#777" stop-opacity="0.35"/><stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient></defs><rect width="${W}" height="${H}" fill="url(#r)"/>`));
  const fill = between(rng, 0.6, 0.88);
  const scale = Math.min((W * fill) / device.width, (H * fill) / device.height);
  const dw = device.width * scale, dh = device.height * scale;
  const cx = W / 2 + between(rng, -0.06, 0.06) * W, cy = H / 2 + between(rng, -0.06, 0.06) * H;
  const rect = rotatedRect(cx, cy, dw, dh, (between(rng, -8, 8) * Math.PI) / 180);
  // Perspective: push the corners of one side in (the camera is off to that side) plus some jitter.
  const k = between(rng, 0.03, 0.12), side = int(rng, 0, 3);
  const quad = rect.map((p, i) => {
    const inward = (side === 0 && (i === 0 || i === 3)) || (side === 1 && (i === 1 || i === 2)) ||
      (side === 2 && (i === 0 || i === 1)) || (side === 3 && (i === 2 || i === 3));
    const t = inward ? k : 0;
    const j = () => between(rng, -0.015, 0.015) * dw;
    return { x: p.x + (cx - p.x) * t * (side < 2 ? 0.3 : 1) + j(), y: p.y + (cy - p.y) * t * (side < 2 ? 1 : 0.3) + j() };
  }) as Quad;
  let out = warpInto(bg, device, quad);
  // Glare, moiré-like interference and the camera's softness and colour cast.
  const gx = between(rng, 0.2, 0.8) * W, gy = between(rng, 0.2, 0.8) * H, gr = between(rng, 0.15, 0.35) * W;
  const glare = between(rng, 0.12, 0.35).toFixed(2);
  out = await overlay(out, svgOf(W, H, `<defs><radialGradient id="g"><stop offset="0" stop-color="#fff" stop-opacity="${glare}"/>` +
    `<stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs>` +
    `<ellipse cx="${gx}" cy="${gy}" rx="${gr * 1.6}" ry="${gr}" fill="url(#g)" transform="rotate(${int(rng, -40, 40)} ${gx} ${gy})"/>`));
  const period = between(rng, 3, 7), phi = between(rng, 0, Math.PI), amp = between(rng, 3, 9);
  const [c, s] = [Math.cos(phi) / period, Math.sin(phi) / period];
  for (let y = 0, o = 0; y < H; y++) {
    for (let x = 0; x < W; x++, o += 3) {
      const m = amp * Math.sin(2 * Math.PI * (x * c + y * s)) * Math.sin((2 * Math.PI * y) / (period * 23));
      for (let q = 0; q < 3; q++) out.data[o + q] = Math.max(0, Math.min(255, out.data[o + q]! + m));
    }
  }
  const tint = between(rng, 0.9, 1.1);
  out = await toRaw(open(out).blur(between(rng, 0.4, 1.2)).linear([tint, 1, 2 - tint], [0, 0, 0]));
  const inner = Math.min(bezel * scale, dw / 2);
  return { ...(await jpeg(out, int(rng, 72, 88))), detail: `${panel.name} k=${k.toFixed(2)} side ${side} bezel ${Math.round(inner)}px glare ${glare}`, quad };
}

// ---------- stickers, emoji, speech bubbles ----------

function stickerShape(rng: Rng, x: number, y: number, r: number): string {
  const kind = int(rng, 0, 4);
  const col = pick(rng, ['#ffcc33', '#ff6f91', '#7bd389', '#6ec3ff', '#ffffff', '#b28dff']);
  const outline = `stroke="#ffffff" stroke-width="${Math.max(2, r * 0.08)}"`;
  if (kind === 0) {
    // Emoji face.
    return `<circle cx="${x}" cy="${y}" r="${r}" fill="#ffd43b" ${outline}/>` +
      `<circle cx="${x - r * 0.35}" cy="${y - r * 0.2}" r="${r * 0.12}" fill="#333"/><circle cx="${x + r * 0.35}" cy="${y - r * 0.2}" r="${r * 0.12}" fill="#333"/>` +
      `<path d="M${x - r * 0.45} ${y + r * 0.25} Q${x} ${y + r * 0.75} ${x + r * 0.45} ${y + r * 0.25}" stroke="#333" stroke-width="${r * 0.1}" fill="none"/>`;
  }
  if (kind === 1) return `<g transform="translate(${x - r} ${y - r}) scale(${r / 12})"><path d="${ICONS.heart}" fill="${col}" stroke="#fff" stroke-width="1.5"/></g>`;
  if (kind === 2) return `<g transform="translate(${x - r} ${y - r}) scale(${r / 12})"><path d="${ICONS.star}" fill="${col}" stroke="#fff" stroke-width="1.5"/></g>`;
  if (kind === 3) {
    // Speech bubble with a word in it.
    const w = r * 2.2, h = r * 1.3;
    const word = zh(pick(rng, ['好美!', '绝了', '爱了爱了', '哇哦']), pick(rng, ['wow!', 'omg', 'love it', 'so cute']));
    const size = Math.min(h * 0.45, (w * 0.8) / ems(word));
    return `<rect x="${x - w / 2}" y="${y - h / 2}" width="${w}" height="${h}" rx="${h * 0.4}" fill="#fff" stroke="#222" stroke-width="${r * 0.05}"/>` +
      `<path d="M${x - w * 0.15} ${y + h / 2 - 1} L${x - w * 0.3} ${y + h * 0.95} L${x + w * 0.05} ${y + h / 2 - 1} Z" fill="#fff" stroke="#222" stroke-width="${r * 0.05}"/>` +
      text(x, y + size * 0.35, size, '#222', word, 'text-anchor="middle" font-weight="bold"');
  }
  // Blob: a wobbly closed polygon.
  const n = 9, pts: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = (i / n) * 2 * Math.PI, rr = r * between(rng, 0.75, 1.1);
    pts.push(`${(x + rr * Math.cos(a)).toFixed(1)},${(y + rr * Math.sin(a)).toFixed(1)}`);
  }
  return `<polygon points="${pts.join(' ')}" fill="${col}" ${outline}/>`;
}

async function coverage(svg: Buffer): Promise<number> {
  const { data, info } = await sharp(svg).ensureAlpha().extractChannel(3).raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  for (let i = 0; i < data.length; i++) if (data[i]! > 128) n++;
  return n / (info.width * info.height);
}

async function stickers(work: RawImage, rng: Rng): Promise<Omit<FamilyVariant, 'family' | 'draw'>> {
  const { width: W, height: H } = work;
  const target = between(rng, 0.1, 0.2);
  const shapes: string[] = [];
  let svg = svgOf(W, H, '');
  let covered = 0;
  // Add stickers until the drawn area reaches the target; each is 2–8 % of the picture.
  for (let tries = 0; tries < 30 && covered < target; tries++) {
    const r = Math.sqrt((between(rng, 0.02, 0.08) * W * H) / Math.PI);
    const shape = stickerShape(rng, between(rng, r * 0.6, W - r * 0.6), between(rng, r * 0.6, H - r * 0.6), r);
    const next = svgOf(W, H, [...shapes, shape].join(''));
    const c = await coverage(next);
    if (c > target + 0.04) continue;
    shapes.push(shape);
    svg = next;
    covered = c;
  }
  return { ...(await jpeg(await overlay(work, svg), int(rng, 75, 90))), detail: `${shapes.length} stickers ${(covered * 100).toFixed(0)}%`, covered };
}

// ---------- rotation with filled corners ----------

async function rotateFill(work: RawImage, rng: Rng): Promise<Omit<FamilyVariant, 'family' | 'draw'>> {
  const deg = between(rng, 3, 12) * (coin(rng) ? -1 : 1);
  const fill = pick(rng, ['black', 'white', 'blur', 'blur'] as const);
  // 'expand': the canvas grows to hold the whole turned picture; 'keep': the canvas keeps its size and the
  // picture's corners are cut off (both are what phone editors and scripts do).
  const mode = coin(rng) ? 'expand' : 'keep';
  const { width: w, height: h } = work;
  const rad = (deg * Math.PI) / 180;
  const W = mode === 'expand' ? Math.ceil(w * Math.cos(Math.abs(rad)) + h * Math.sin(Math.abs(rad))) : w;
  const H = mode === 'expand' ? Math.ceil(w * Math.sin(Math.abs(rad)) + h * Math.cos(Math.abs(rad))) : h;
  const turned = await sharp(await open(work).png().toBuffer())
    .rotate(deg, { background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer({ resolveWithObject: true });
  const bg = fill === 'blur' ? await canvas(W, H, { blur: work, sigma: 30, dim: between(rng, 0.6, 1) })
    : await canvas(W, H, fill === 'black' ? '#000000' : '#ffffff');
  // Centre the turned picture on the canvas (cutting its overhang in 'keep' mode).
  const tw = turned.info.width, th = turned.info.height;
  const cut = await sharp(turned.data).extract({
    left: Math.max(0, Math.floor((tw - W) / 2)), top: Math.max(0, Math.floor((th - H) / 2)), width: Math.min(W, tw), height: Math.min(H, th),
  }).png().toBuffer();
  const out = await toRaw(open(bg).composite([{ input: cut, left: Math.max(0, Math.floor((W - tw) / 2)), top: Math.max(0, Math.floor((H - th) / 2)) }]));
  const quad = rotatedRect(W / 2, H / 2, w, h, rad);
  return { ...(await jpeg(out, int(rng, 75, 90))), detail: `${fill} ${mode} ${deg.toFixed(1)}°`, quad };
}

// ---------- deep crops ----------

async function cropDeep(work: RawImage, rng: Rng): Promise<Omit<FamilyVariant, 'family' | 'draw'>> {
  const area = between(rng, 0.5, 0.85);
  const aspect = rng() < 0.6 ? 1 : between(rng, 0.8, 1.25);
  const cw = Math.min(work.width, Math.round(work.width * Math.sqrt(area) * Math.sqrt(aspect)));
  const ch = Math.min(work.height, Math.round((work.width * work.height * area) / cw));
  const centred = rng() < 0.35;
  const left = centred ? Math.floor((work.width - cw) / 2) : int(rng, 0, work.width - cw);
  const top = centred ? Math.floor((work.height - ch) / 2) : int(rng, 0, work.height - ch);
  const out = await toRaw(open(work).extract({ left, top, width: cw, height: ch }));
  const where = centred ? 'centre' : 'off-centre';
  return { ...(await jpeg(out, int(rng, 75, 90))), detail: `${Math.round((100 * cw * ch) / (work.width * work.height))}% ${where}`, box: frac(left, top, cw, ch, work.width, work.height) };
}

// ---------- frames and borders ----------

async function frame(work: RawImage, rng: Rng): Promise<Omit<FamilyVariant, 'family' | 'draw'>> {
  const style = pick(rng, ['solid', 'mat', 'polaroid', 'blur', 'shadow', 'pattern'] as const);
  const short = Math.min(work.width, work.height);
  const b = Math.round(short * between(rng, 0.03, 0.12));
  let pad = { top: b, bottom: b, left: b, right: b };
  let W = work.width + 2 * b, H = work.height + 2 * b;
  let bg: RawImage;
  let extra = '';
  if (style === 'blur') {
    // Fit to a 3:4 or 1:1 canvas over a blurred copy of itself: the feed apps' "fill" export.
    const ratio = pick(rng, [0.75, 1, 1.25]);
    W = Math.max(work.width, Math.round(work.height * ratio)) + 2 * b;
    H = Math.round(W / ratio);
    if (H < work.height + 2 * b) { H = work.height + 2 * b; W = Math.round(H * ratio); }
    const left = Math.floor((W - work.width) / 2), top = Math.floor((H - work.height) / 2);
    pad = { top, bottom: H - work.height - top, left, right: W - work.width - left };
    bg = await canvas(W, H, { blur: work, sigma: 24, dim: between(rng, 0.7, 1) });
  } else if (style === 'polaroid') {
    pad = { top: b, left: b, right: b, bottom: b * 3 };
    H = work.height + 4 * b;
    bg = await canvas(W, H, '#fbfbf8');
  } else if (style === 'pattern') {
    const a = hex(rng, 120, 250), c = hex(rng, 120, 250), s = Math.max(6, Math.round(b / 3));
    bg = await overlay(await canvas(W, H, a), svgOf(W, H, `<defs><pattern id="p" width="${2 * s}" height="${2 * s}" patternUnits="userSpaceOnUse">` +
      `<rect width="${s}" height="${s}" fill="${c}"/><rect x="${s}" y="${s}" width="${s}" height="${s}" fill="${c}"/></pattern></defs><rect width="${W}" height="${H}" fill="url(#p)"/>`));
  } else {
    bg = await canvas(W, H, style === 'mat' ? '#f4f1ea' : style === 'shadow' ? hex(rng, 150, 240) : pick(rng, ['#ffffff', '#000000', hex(rng)]));
    if (style === 'mat') extra = `<rect x="${b * 0.6}" y="${b * 0.6}" width="${W - 1.2 * b}" height="${H - 1.2 * b}" fill="none" stroke="#3a3128" stroke-width="${Math.max(2, b * 0.08)}"/>`;
    if (style === 'shadow') extra = `<rect x="${b + b * 0.15}" y="${b + b * 0.2}" width="${work.width}" height="${work.height}" fill="#000" opacity="0.35"/>`;
  }
  if (extra) bg = await overlay(bg, svgOf(W, H, extra));
  const out = await paste(bg, work, pad.left, pad.top);
  return { ...(await jpeg(out, int(rng, 75, 90))), detail: `${style} ${b}px`, box: frac(pad.left, pad.top, work.width, work.height, W, H) };
}

// ---------- phone screenshots: chat apps, the photo viewer, a Weibo-like card ----------

async function phoneChat(work: RawImage, rng: Rng): Promise<Omit<FamilyVariant, 'family' | 'draw'>> {
  const app = pick(rng, ['wechat', 'wechat', 'qq', 'viewer', 'weibo'] as const);
  const dark = rng() < 0.35;
  const W = 1080, H = pick(rng, [2340, 2400, 1920]);
  const fg = dark ? '#e8e8e8' : '#1a1a1a', sub = '#8a8a8a';
  const bgc = app === 'viewer' ? '#000000' : dark ? '#111111' : app === 'weibo' ? '#f2f2f2' : '#ededed';
  const clock = `${int(rng, 8, 23)}:${String(int(rng, 0, 59)).padStart(2, '0')}`;
  const parts: string[] = [`<rect width="${W}" height="${H}" fill="${bgc}"/>`,
    text(60, 75, 40, app === 'viewer' ? '#fff' : fg, clock, 'font-weight="bold"'),
    `<rect x="930" y="45" width="70" height="34" rx="8" fill="none" stroke="${app === 'viewer' ? '#fff' : fg}" stroke-width="3"/>`];
  let img: RawImage;
  let left: number, top: number;
  if (app === 'viewer') {
    // Full-screen photo viewer: the picture fits the width, centred; counter and toolbar over black.
    img = await toRaw(open(work).resize({ width: W, height: H - 400, fit: 'inside' }));
    left = Math.round((W - img.width) / 2); top = Math.round((H - img.height) / 2);
    parts.push(text(W / 2, 190, 38, '#fff', `${int(rng, 1, 9)}/${int(rng, 9, 20)}`, 'text-anchor="middle"'),
      icon(ICONS.share, 80, H - 170, 60, '#fff'), icon(ICONS.star, 500, H - 170, 60, '#fff'), icon(ICONS.heart, 920, H - 170, 60, '#fff'));
  } else if (app === 'weibo') {
    // A card: avatar, name, text, the picture inside the card's margins, then the action row.
    const m = int(rng, 30, 60);
    parts.push(`<rect x="0" y="160" width="${W}" height="${H - 160}" fill="${dark ? '#1c1c1c' : '#ffffff'}"/>`,
      `<circle cx="${m + 50}" cy="260" r="50" fill="hsl(${int(rng, 0, 359)},55%,60%)"/>`,
      text(m + 130, 250, 40, fg, zh('微博用户_' + int(rng, 1000, 9999), 'weibo_user_' + int(rng, 1000, 9999))),
      text(m + 130, 300, 30, sub, zh('3分钟前 来自 iPhone', '3 min ago from iPhone')),
      text(m, 400, 42, fg, zh(pick(rng, CAPTIONS)[0], pick(rng, CAPTIONS)[1])));
    img = await toRaw(open(work).resize({ width: W - 2 * m, height: Math.round(H * 0.55), fit: 'inside' }));
    left = m; top = 450;
    const y = top + img.height + 40;
    parts.push(icon(ICONS.share, 120, y, 50, sub), icon(ICONS.chat, 500, y, 50, sub), icon(ICONS.heart, 880, y, 50, sub));
  } else {
    // Chat: header, a few text bubbles, the picture as a rounded thumbnail in the flow.
    const mine = app === 'wechat' ? '#95ec69' : '#12b7f5';
    parts.push(`<rect x="0" y="110" width="${W}" height="120" fill="${dark ? '#191919' : bgc}"/>`,
      `<path d="M70 140l-30 30 30 30" fill="none" stroke="${fg}" stroke-width="6"/>`,
      text(W / 2, 190, 44, fg, zh(pick(rng, ['相亲相爱一家人', '小美', '插画交流群(128)']), pick(rng, ['Family', 'Amy', 'Art group (128)'])), 'text-anchor="middle" font-weight="bold"'));
    const msgs = [zh('看这张图', 'look at this'), zh('好好看啊', 'so pretty'), zh('哪里来的', 'where is it from'), zh('网上看到的', 'saw it online')];
    let y = 290;
    const bubble = (right: boolean, msg: string) => {
      const w = 80 + ems(msg) * 42;
      const x = right ? W - 150 - w : 150;
      parts.push(`<rect x="${right ? W - 120 : 30}" y="${y}" width="90" height="90" rx="10" fill="hsl(${int(rng, 0, 359)},50%,60%)"/>`,
        `<rect x="${x}" y="${y}" width="${w}" height="100" rx="14" fill="${right ? mine : dark ? '#2c2c2c' : '#ffffff'}"/>`,
        text(x + 40, y + 64, 42, right ? '#111' : fg, msg));
      y += 150;
    };
    for (let i = 0, n = int(rng, 1, 3); i < n; i++) bubble(coin(rng), msgs[i % msgs.length]!);
    // Chat thumbnails keep the aspect and cap the long side.
    const long = Math.round(W * between(rng, 0.35, 0.62));
    img = await toRaw(open(work).resize({ width: long, height: long, fit: 'inside' }));
    const right = coin(rng);
    left = right ? W - 150 - img.width : 150; top = y;
    parts.push(`<rect x="${right ? W - 120 : 30}" y="${y}" width="90" height="90" rx="10" fill="hsl(${int(rng, 0, 359)},50%,60%)"/>`);
    y += img.height + 50;
    if (y < H - 400) bubble(coin(rng), msgs[3]!);
    parts.push(`<rect x="0" y="${H - 200}" width="${W}" height="200" fill="${dark ? '#1e1e1e' : '#f7f7f7'}"/>`,
      `<rect x="130" y="${H - 170}" width="700" height="90" rx="12" fill="${dark ? '#2c2c2c' : '#ffffff'}"/>`);
  }
  const box = frac(left, top, img.width, img.height, W, H);
  const out = await paste(await toRaw(sharp(svgOf(W, H, parts.join('')))), img, left, top);
  // Screenshots are PNG when saved, JPEG once reposted: both happen.
  const enc = coin(rng) ? { data: await open(out).png().toBuffer(), mime: 'image/png' as const } : await jpeg(out, int(rng, 75, 90));
  return { ...enc, detail: `${app}${dark ? ' dark' : ' light'} ${W}x${H} picture ${img.width}px`, box };
}

// ---------- caption bars ----------

async function captionBar(work: RawImage, rng: Rng): Promise<Omit<FamilyVariant, 'family' | 'draw'>> {
  const where = pick(rng, ['top', 'bottom', 'both'] as const);
  const { width: W, height: h } = work;
  const bar = () => Math.round(h * between(rng, 0.08, 0.2));
  const top = where === 'bottom' ? 0 : bar(), bottom = where === 'top' ? 0 : bar();
  const colour = pick(rng, ['#ffffff', '#000000', '#fff3b0', hex(rng)]);
  const ink = colour === '#000000' ? '#ffffff' : '#111111';
  const H = h + top + bottom;
  const line = (y: number, size: number) => {
    const [cn, en] = pick(rng, CAPTIONS);
    const msg = zh(cn, en);
    const s = Math.min(size, (W * 0.92) / ems(msg));
    return text(W / 2, y + s * 0.35, s, ink, msg, 'text-anchor="middle" font-weight="bold"');
  };
  const svg = svgOf(W, H, `${top ? line(top / 2, top * 0.45) : ''}${bottom ? line(H - bottom / 2, bottom * 0.45) : ''}`);
  const padded = await toRaw(open(work).extend({ top, bottom, background: colour }));
  return { ...(await jpeg(await overlay(padded, svg), int(rng, 75, 90))), detail: `${where} ${top}+${bottom}px`, box: frac(0, top, W, h, W, H) };
}

// ---------- a watermark's words tiled over the whole picture ----------

/** Words a reposting account tiles over a picture, Chinese and Latin. */
const MARKS: readonly (readonly [string, string])[] = [
  ['搬运号 @图源网络', '@repost_daily'], ['禁止二改 侵删', 'do not edit'], ['小红书 @壁纸分享', 'wallpaper share'],
  ['仅供欣赏', 'SAMPLE'], ['微博 @每日美图', 'follow @daily.pics'], ['© 转载', '© repost hub'],
];

/**
 * The work with a short line of words repeated over all of it, turned, at 20–45 % opacity, light or dark, in rows
 * whose lines are offset (a brick pattern): how reposting accounts mark what they take. Draws vary the words, size
 * (3.5–7 % of the picture's width), angle (−40…40°), spacing, colour and outline.
 */
async function tiledMark(work: RawImage, rng: Rng): Promise<Omit<FamilyVariant, 'family' | 'draw'>> {
  const { width: W, height: H } = work;
  const [cn, en] = pick(rng, MARKS);
  const msg = zh(cn, en);
  const size = Math.round(W * between(rng, 0.035, 0.07));
  const angle = between(rng, -40, 40);
  const alpha = between(rng, 0.2, 0.45);
  const ink = pick(rng, ['#ffffff', '#000000', '#ffffff', hex(rng)]);
  const outline = rng() < 0.4 ? ` stroke="${ink === '#000000' ? '#ffffff' : '#000000'}" stroke-width="${Math.max(1, size / 18).toFixed(1)}" paint-order="stroke"` : '';
  const stepX = ems(msg) * size * between(rng, 1.3, 2), stepY = size * between(rng, 2.2, 4);
  // Rows cover the picture's diagonal whichever way they are turned.
  const reach = Math.hypot(W, H);
  const lines: string[] = [];
  for (let row = 0, y = -reach; y < reach; y += stepY, row++) {
    for (let x = -reach + (row % 2 ? stepX / 2 : 0); x < reach; x += stepX) lines.push(text(x, y, size, ink, msg, `font-weight="bold"${outline}`));
  }
  const svg = svgOf(W, H, `<g opacity="${alpha.toFixed(2)}" transform="translate(${W / 2} ${H / 2}) rotate(${angle.toFixed(1)})">${lines.join('')}</g>`);
  return { ...(await jpeg(await overlay(work, svg), int(rng, 75, 92))), detail: `"${msg}" ${size}px ${angle.toFixed(0)}° ${Math.round(alpha * 100)}% ${ink}${outline ? ' outlined' : ''}`, box: [0, 0, 1, 1] };
}

const MAKERS: Record<Family, (work: RawImage, rng: Rng, fillers: RawImage[]) => Promise<Omit<FamilyVariant, 'family' | 'draw'>>> = {
  collage, 'screen-photo': screenPhoto, stickers, 'rotate-fill': rotateFill, 'crop-deep': cropDeep, frame,
  'phone-chat': phoneChat, 'caption-bar': captionBar, 'screen-fill': screenFill, 'tiled-mark': tiledMark,
};

/**
 * Draw `draw` of `family` applied to `work`. `fillers` are other pictures (never the work's own): the other
 * tiles of a collage and the room behind a screen come from them.
 */
export async function makeFamilyVariant(work: RawImage, family: Family, seed: number, draw: number, fillers: RawImage[]): Promise<FamilyVariant> {
  if (fillers.length === 0) throw new Error('fillers are needed for collages and screen photos');
  const made = await MAKERS[family](work, rngFor(seed, `${family}#${draw}`), fillers);
  return { family, draw, ...made };
}
