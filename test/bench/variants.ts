/**
 * Repost-variant generator for the detection benchmark.
 *
 * Given one artwork, produces the kinds of copies that show up on social feeds
 * (recompressed, resized, mirrored, colour-shifted, captioned, watermarked,
 * screenshotted, cropped, tilted, and combinations), all rendered with sharp.
 * Every random choice is drawn from a PRNG seeded by (seed, transform name), so
 * a variant is reproducible and does not change when other transforms are
 * added or reordered.
 */
import sharp, { type Sharp } from 'sharp';
import { seededRandom } from '../../src/engine/vectors';
import { execFileSync } from 'node:child_process';

export type Mime = 'image/jpeg' | 'image/png' | 'image/webp';

export interface Variant { transform: string; group: 'mild' | 'hard'; data: Buffer; mime: Mime }
/** Decoded RGB pixels; intermediate steps stay raw so each variant is encoded exactly once. */
export interface RawImage { data: Buffer; width: number; height: number }

export const MILD_TRANSFORMS = [
  'jpeg-q60', 'jpeg-q85', 'resize-50', 'resize-25', 'mirror', 'brightness', 'contrast',
  'saturation', 'grayscale', 'caption-zh', 'watermark', 'screenshot', 'webp', 'squeeze',
] as const;
export const HARD_TRANSFORMS = [
  'crop-90-center', 'crop-75-center', 'crop-75-offcenter', 'crop-60-center', 'crop-60-offcenter',
  'rotate-5', 'rotate-10', 'combo-1', 'combo-2', 'combo-3',
] as const;
export type TransformName = (typeof MILD_TRANSFORMS)[number] | (typeof HARD_TRANSFORMS)[number];

/** Transforms applied to distractor works (names shared with the positive set so per-transform stats line up). */
export const NEGATIVE_TRANSFORMS: readonly TransformName[] = [
  'jpeg-q85', 'resize-50', 'mirror', 'caption-zh', 'screenshot', 'crop-75-center',
];

/** Platforms cap uploads around 1080 px wide; long images are allowed but capped here too. */
export const MAX_WIDTH = 1080;
export const MAX_HEIGHT = 1920;
const DEFAULT_QUALITY = 80;

export type Rng = () => number;

/** mulberry32 (the engine's seeded generator): tiny, fast, good enough for picking offsets. */
export const mulberry32: (seed: number) => Rng = seededRandom;

/** FNV-1a of "seed:name" so each transform gets an independent stream. */
export function rngFor(seed: number, name: string): Rng {
  let h = 0x811c9dc5;
  for (const ch of `${seed}:${name}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return mulberry32(h);
}

export const between = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();
export const coin = (rng: Rng): boolean => rng() < 0.5;

/**
 * The "as first posted" version every variant derives from: EXIF-oriented,
 * transparency flattened on white (feeds do that), and scaled to upload size.
 */
export async function loadBase(input: Buffer): Promise<RawImage> {
  const { data, info } = await sharp(input)
    .autoOrient()
    .flatten({ background: '#ffffff' })
    .resize({ width: MAX_WIDTH, height: MAX_HEIGHT, fit: 'inside', withoutEnlargement: true })
    .removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

export const open = (img: RawImage): Sharp =>
  sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });

export async function toRaw(s: Sharp): Promise<RawImage> {
  const { data, info } = await s.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

export interface Encoded { data: Buffer; mime: Mime }
export const jpeg = async (img: RawImage, quality = DEFAULT_QUALITY): Promise<Encoded> =>
  ({ data: await open(img).jpeg({ quality }).toBuffer(), mime: 'image/jpeg' });

const scale = (img: RawImage, f: number): Promise<RawImage> =>
  toRaw(open(img).resize(Math.max(1, Math.round(img.width * f)), Math.max(1, Math.round(img.height * f))));

/** Crop keeping aspect ratio so the kept area is `fraction` of the original. */
export function cropBox(w: number, h: number, fraction: number, rng: Rng | null) {
  const width = Math.round(w * Math.sqrt(fraction));
  const height = Math.round(h * Math.sqrt(fraction));
  // Centre, or off-centre: pick a corner and sit near it (not flush), like a hand-made crop.
  const place = (free: number): number => {
    if (!rng) return Math.floor(free / 2);
    const j = between(rng, 0.8, 1);
    return Math.round(free * (coin(rng) ? j : 1 - j));
  };
  return { left: place(w - width), top: place(h - height), width, height };
}

const crop = (img: RawImage, fraction: number, rng: Rng | null): Promise<RawImage> =>
  toRaw(open(img).extract(cropBox(img.width, img.height, fraction, rng)));

async function brighten(img: RawImage, rng: Rng): Promise<RawImage> {
  // ±10–25 %: the range of a typical "enhance" filter.
  const amount = between(rng, 0.1, 0.25) * (coin(rng) ? -1 : 1);
  return toRaw(open(img).modulate({ brightness: 1 + amount }));
}

const mirror = (img: RawImage): Promise<RawImage> => toRaw(open(img).flop());

/**
 * Tilt, then crop to the largest same-aspect rectangle inside the rotated
 * picture. Phone editors' "straighten" tool behaves like this; white corners
 * are rare in real reposts.
 */
async function rotateCrop(img: RawImage, degrees: number, rng: Rng): Promise<RawImage> {
  const angle = degrees * (coin(rng) ? -1 : 1);
  const rad = (degrees * Math.PI) / 180;
  const { width: w, height: h } = img;
  const [cos, sin] = [Math.cos(rad), Math.sin(rad)];
  // Scale s such that the (s·w × s·h) box, rotated back, still fits inside w × h.
  const s = Math.min(w / (w * cos + h * sin), h / (w * sin + h * cos));
  const rot = await toRaw(open(img).rotate(angle, { background: '#ffffff' }));
  const cw = Math.floor(w * s) - 2; // -2: stay clear of antialiased edge pixels
  const ch = Math.floor(h * s) - 2;
  const box = { left: Math.floor((rot.width - cw) / 2), top: Math.floor((rot.height - ch) / 2), width: cw, height: ch };
  return toRaw(open(rot).extract(box));
}

// ---------- SVG overlays (captions, watermarks, phone UI) ----------

let cjk: boolean | undefined;
/** Whether fontconfig has a Chinese font; without one librsvg draws tofu boxes, so we switch to Latin text. */
export function hasCjkFont(): boolean {
  try {
    cjk ??= execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    cjk = false; // no fontconfig CLI: assume no CJK font
  }
  return cjk;
}
export const zh = (cn: string, en: string): string => (hasCjkFont() ? cn : en);
const FONT = `font-family="Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, PingFang SC, DejaVu Sans, sans-serif"`;
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
/** Rough rendered width in em: CJK glyphs are square, Latin about 0.58 em. */
export const ems = (s: string): number => [...s].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 ? 1 : 0.58), 0);
export const text = (x: number, y: number, size: number, fill: string, s: string, extra = ''): string =>
  `<text x="${x}" y="${y}" font-size="${size}" fill="${fill}" ${FONT} ${extra}>${esc(s)}</text>`;

export const CAPTIONS: readonly (readonly [string, string])[] = [
  ['转发自网络 侵删 #插画', 'reposted from web, credit to owner #art'],
  ['太好看了吧！！图源网络 侵删', 'so pretty!! source: internet'],
  ['壁纸分享 | 喜欢请点赞 #原创插画', 'wallpaper share | like if you love it'],
  ['图片来自网络，如有侵权请联系删除', 'pic from the web, DM for removal'],
];

/** Caption either in a white bar appended below (extend > 0) or over a dark gradient at the bottom. */
function captionSvg(w: number, h: number, rng: Rng): { svg: string; extend: number } {
  const [cn, en] = pick(rng, CAPTIONS);
  const msg = zh(cn, en);
  const bar = Math.round(Math.max(36, h * 0.1));
  const size = Math.round(Math.min(bar * 0.45, (w * 0.9) / ems(msg)));
  const below = rng() < 0.5;
  const total = below ? h + bar : h;
  const body = below
    ? text(w / 2, h + bar * 0.5 + size * 0.35, size, '#222', msg, 'text-anchor="middle"')
    : `<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#000" stop-opacity="0"/>` +
      `<stop offset="1" stop-color="#000" stop-opacity="0.7"/></linearGradient></defs>` +
      `<rect x="0" y="${h - bar * 1.4}" width="${w}" height="${bar * 1.4}" fill="url(#g)"/>` +
      text(w / 2, h - bar * 0.4, size, '#fff', msg, 'text-anchor="middle" font-weight="bold"');
  return { svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${total}">${body}</svg>`, extend: below ? bar : 0 };
}

/** "@account 12345" with a small app logo, semi-transparent, in a seeded corner. */
function watermarkSvg(w: number, h: number, rng: Rng): string {
  const msg = `@${zh('小红书号', 'xhs_id')} ${10000 + Math.floor(rng() * 89999)}`;
  const size = Math.max(12, Math.round(Math.min(w, h) * 0.045));
  const logo = Math.round(size * 1.5);
  const boxW = logo + size * 0.4 + ems(msg) * size;
  const m = size;
  const x = rng() < 0.5 ? m : w - m - boxW;
  const y = rng() < 0.5 ? m : h - m - logo;
  const op = between(rng, 0.55, 0.8).toFixed(2);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><g opacity="${op}">` +
    `<rect x="${x}" y="${y}" width="${logo}" height="${logo}" rx="${logo * 0.25}" fill="#ff2442"/>` +
    text(x + logo / 2, y + logo * 0.68, size * 0.8, '#fff', zh('书', 'R'), 'text-anchor="middle" font-weight="bold"') +
    text(x + logo + size * 0.4, y + logo * 0.7, size, '#fff', msg, 'stroke="#000" stroke-opacity="0.45" stroke-width="2" paint-order="stroke"') +
    `</g></svg>`;
}

const SHOT_W = 1080;
const SHOT_H = 2340;
export const ICONS = {
  heart: 'M12 21l-1.5-1.3C5.4 15.4 2 12.3 2 8.5 2 5.4 4.4 3 7.5 3c1.7 0 3.4.8 4.5 2.1C13.1 3.8 14.8 3 16.5 3 19.6 3 22 5.4 22 8.5c0 3.8-3.4 6.9-8.5 11.5z',
  star: 'M12 17.3L18.2 21l-1.6-7 5.4-4.8-7.2-.6L12 2 9.2 8.6 2 9.2l5.5 4.8L5.8 21z',
  chat: 'M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H8l-4 4V5a1 1 0 0 1 1-1z',
  share: 'M4 12v8h16v-8M12 3v13M7 8l5-5 5 5',
};
export const icon = (d: string, x: number, y: number, s: number, color: string): string =>
  `<path d="${d}" transform="translate(${x} ${y}) scale(${s / 24})" fill="none" stroke="${color}" stroke-width="1.8" stroke-linejoin="round"/>`;

/** Phone chrome around the post image: status bar, header, actions, caption, comments, bottom bar. */
function screenshotLayout(rng: Rng): { imageTop: number; maxImageHeight: number; svg: (imgH: number) => string } {
  const dark = rng() < 0.3;
  const bg = dark ? '#121212' : '#ffffff';
  const fg = dark ? '#eeeeee' : '#222222';
  const sub = '#8a8a8a';
  const avatar = `hsl(${Math.floor(rng() * 360)},60%,60%)`;
  const clock = `${9 + Math.floor(rng() * 14)}:${String(Math.floor(rng() * 60)).padStart(2, '0')}`;
  const user = zh(pick(rng, ['画画的小鹿', '今天也要开心', '壁纸收集站', '插画分享君']), pick(rng, ['art_collector', 'daily.wallpapers', 'pretty_pics']));
  const likes = 100 + Math.floor(rng() * 9900);
  const comments = [
    zh('太好看了吧 求原图！', 'so beautiful, link pls!'), zh('已保存 谢谢分享', 'saved, thanks for sharing'),
    zh('这是哪位老师画的呀', 'who is the artist?'), zh('绝了绝了', 'amazing'), zh('做头像了', 'using it as my avatar'),
  ];
  const imageTop = 250;
  const svg = (imgH: number): string => {
    const y0 = imageTop + imgH;
    const parts: string[] = [
      `<rect width="${SHOT_W}" height="${SHOT_H}" fill="${bg}"/>`,
      text(60, 70, 40, fg, clock, 'font-weight="bold"'),
      ...[0, 1, 2, 3].map((i) => `<rect x="${850 + i * 16}" y="${66 - i * 9}" width="10" height="${12 + i * 9}" rx="2" fill="${fg}"/>`),
      `<rect x="930" y="40" width="70" height="34" rx="8" fill="none" stroke="${fg}" stroke-width="3"/>`,
      `<rect x="936" y="46" width="${Math.round(20 + rng() * 38)}" height="22" rx="4" fill="${fg}"/>`,
      `<path d="M70 140l-35 35 35 35" fill="none" stroke="${fg}" stroke-width="6" stroke-linecap="round"/>`,
      `<circle cx="155" cy="175" r="45" fill="${avatar}"/>`,
      text(220, 190, 38, fg, user),
      `<rect x="800" y="140" width="160" height="70" rx="35" fill="none" stroke="#ff2442" stroke-width="3"/>`,
      text(880, 188, 34, '#ff2442', zh('关注', 'Follow'), 'text-anchor="middle"'),
      icon(ICONS.share, 995, 150, 50, fg),
      ...[0, 1, 2].map((i) => `<circle cx="${515 + i * 25}" cy="${y0 + 40}" r="7" fill="${i === 0 ? '#ff2442' : sub}"/>`),
      text(40, y0 + 120, 46, fg, zh('分享一张超喜欢的图', 'sharing a pic I love'), 'font-weight="bold"'),
      text(40, y0 + 190, 38, fg, zh('随手转的，原作者看到私信我', 'found this somewhere, DM me if yours')),
      text(40, y0 + 250, 38, '#3d6fb4', zh('#插画 #壁纸 #治愈系', '#art #wallpaper #aesthetic')),
      text(40, y0 + 310, 30, sub, zh('编辑于 3天前', 'edited 3 days ago')),
      `<rect x="40" y="${y0 + 345}" width="1000" height="2" fill="${sub}" opacity="0.3"/>`,
      text(40, y0 + 420, 34, sub, zh(`共 ${Math.floor(likes / 20)} 条评论`, `${Math.floor(likes / 20)} comments`)),
    ];
    for (let i = 0, y = y0 + 480; y < SHOT_H - 260; i++, y += 150) {
      parts.push(`<circle cx="80" cy="${y + 30}" r="34" fill="hsl(${Math.floor(rng() * 360)},45%,65%)"/>`,
        text(135, y + 20, 30, sub, zh(`用户${1000 + i * 37}`, `user${1000 + i * 37}`)),
        text(135, y + 70, 36, fg, comments[i % comments.length] ?? ''), icon(ICONS.heart, 990, y + 20, 40, sub));
    }
    const by = SHOT_H - 170;
    parts.push(`<rect x="0" y="${by}" width="${SHOT_W}" height="170" fill="${bg}"/>`,
      `<rect x="0" y="${by}" width="${SHOT_W}" height="2" fill="${sub}" opacity="0.3"/>`,
      `<rect x="40" y="${by + 25}" width="420" height="76" rx="38" fill="${dark ? '#2a2a2a' : '#f2f2f2'}"/>`,
      text(80, by + 75, 32, sub, zh('说点什么...', 'Say something...')),
      icon(ICONS.heart, 520, by + 38, 52, fg), text(582, by + 76, 32, fg, String(likes)),
      icon(ICONS.star, 720, by + 38, 52, fg), text(782, by + 76, 32, fg, String(Math.floor(likes / 3))),
      icon(ICONS.chat, 900, by + 38, 52, fg), text(962, by + 76, 32, fg, String(Math.floor(likes / 20))),
      `<rect x="${SHOT_W / 2 - 140}" y="${SHOT_H - 24}" width="280" height="10" rx="5" fill="${fg}"/>`);
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${SHOT_W}" height="${SHOT_H}">${parts.join('')}</svg>`;
  };
  return { imageTop, maxImageHeight: 1440, svg };
}

async function addCaption(img: RawImage, rng: Rng): Promise<RawImage> {
  const { svg, extend } = captionSvg(img.width, img.height, rng);
  let s = open(img);
  if (extend > 0) {
    s = sharp(await s.extend({ bottom: extend, background: '#ffffff' }).png().toBuffer());
  }
  return toRaw(s.composite([{ input: Buffer.from(svg), top: 0, left: 0 }]));
}

/** Phone screenshot of the post; PNG like a real screenshot (combo-3 recompresses it). */
async function screenshot(img: RawImage, rng: Rng): Promise<RawImage> {
  const shot = screenshotLayout(rng);
  // Feeds show tall images cropped to a max height ("cover"), wide ones in full.
  const h = Math.round(Math.min(shot.maxImageHeight, (img.height * SHOT_W) / img.width));
  const media = await open(img).resize(SHOT_W, h, { fit: 'cover' }).png().toBuffer();
  return toRaw(sharp(Buffer.from(shot.svg(h))).composite([{ input: media, top: shot.imageTop, left: 0 }]));
}

const LUMA: [number, number, number] = [0.2126, 0.7152, 0.0722];

type Step = (base: RawImage, rng: Rng) => Promise<Encoded>;

const STEPS: Record<TransformName, Step> = {
  'jpeg-q60': (b) => jpeg(b, 60),
  'jpeg-q85': (b) => jpeg(b, 85),
  'resize-50': async (b) => jpeg(await scale(b, 0.5)),
  'resize-25': async (b) => jpeg(await scale(b, 0.25)),
  mirror: async (b) => jpeg(await mirror(b)),
  brightness: async (b, r) => jpeg(await brighten(b, r)),
  contrast: async (b, r) => {
    // Linear stretch around mid-grey: a = 1.2–1.4 (punchier) or 0.7–0.85 (washed out).
    const a = coin(r) ? between(r, 1.2, 1.4) : between(r, 0.7, 0.85);
    return jpeg(await toRaw(open(b).linear(a, 128 * (1 - a))));
  },
  saturation: async (b, r) => {
    const f = coin(r) ? between(r, 1.3, 1.7) : between(r, 0.45, 0.7);
    return jpeg(await toRaw(open(b).modulate({ saturation: f, hue: Math.round(between(r, -8, 8)) })));
  },
  // Luma via recomb keeps 3 channels, like a filter-app export (sharp's grayscale() would emit 1 channel).
  grayscale: async (b) => jpeg(await toRaw(open(b).recomb([LUMA, LUMA, LUMA]))),
  'caption-zh': async (b, r) => jpeg(await addCaption(b, r)),
  watermark: async (b, r) =>
    jpeg(await toRaw(open(b).composite([{ input: Buffer.from(watermarkSvg(b.width, b.height, r)), top: 0, left: 0 }]))),
  screenshot: async (b, r) => ({ data: await open(await screenshot(b, r)).png().toBuffer(), mime: 'image/png' }),
  webp: async (b) => ({ data: await open(b).webp({ quality: 75 }).toBuffer(), mime: 'image/webp' }),
  squeeze: async (b, r) => {
    // Squash one axis by 12–18 %: what a "fit to 4:3" or "9:16 story" export does.
    const f = between(r, 0.82, 0.88);
    const [fx, fy] = coin(r) ? [f, 1] : [1, f];
    return jpeg(await toRaw(open(b).resize(Math.round(b.width * fx), Math.round(b.height * fy), { fit: 'fill' })));
  },
  'crop-90-center': async (b) => jpeg(await crop(b, 0.9, null)),
  'crop-75-center': async (b) => jpeg(await crop(b, 0.75, null)),
  'crop-75-offcenter': async (b, r) => jpeg(await crop(b, 0.75, r)),
  'crop-60-center': async (b) => jpeg(await crop(b, 0.6, null)),
  'crop-60-offcenter': async (b, r) => jpeg(await crop(b, 0.6, r)),
  'rotate-5': async (b, r) => jpeg(await rotateCrop(b, 5, r)),
  'rotate-10': async (b, r) => jpeg(await rotateCrop(b, 10, r)),
  'combo-1': async (b, r) => jpeg(await brighten(await crop(b, 0.8, r), r), 70),
  'combo-2': async (b, r) => jpeg(await scale(await addCaption(await mirror(b), r), 0.5)),
  'combo-3': async (b, r) => jpeg(await screenshot(await crop(b, 0.75, r), r), 70),
};

async function run(input: Buffer, seed: number, names: readonly TransformName[]): Promise<Variant[]> {
  const base = await loadBase(input);
  const out: Variant[] = [];
  // Sequential on purpose: libvips already uses a thread pool per pipeline.
  for (const name of names) {
    const enc = await STEPS[name](base, rngFor(seed, name));
    const group = (MILD_TRANSFORMS as readonly string[]).includes(name) ? 'mild' : 'hard';
    out.push({ transform: name, group, data: enc.data, mime: enc.mime });
  }
  return out;
}

/** All mild and hard repost variants of one artwork, in a fixed order. */
export function makeVariants(input: Buffer, seed: number): Promise<Variant[]> {
  return run(input, seed, [...MILD_TRANSFORMS, ...HARD_TRANSFORMS]);
}

/** The small subset applied to distractor (non-owned) works. */
export function makeNegativeVariants(input: Buffer, seed: number): Promise<Variant[]> {
  return run(input, seed, NEGATIVE_TRANSFORMS);
}
