#!/usr/bin/python3
"""Step 2 of the independent repost evaluation (npm run bench:indep): build the gallery, positives and negatives
in $INKSEAL_INDEP_DIR (default ~/.cache/inkseal-indep). Seeded and deterministic: every output's random draw comes
from a seed derived from (family, item, draw), so re-running gives byte-identical pictures.

Independently written generator: its author never read test/bench/families.ts. It is a second opinion beside
bench:quality, not a replacement for it.

Reads candidates.json (made by collect.py), writes:
  gallery/            the ~40 source works (long side <= 1024)
  pos/<family>/<work>__<draw>.(jpg|png|webp)
  neg/plain/...       untouched negatives;  neg/<family>/... negatives given the positives' transforms
  manifest.json       every file -> role, work / source, family, params;  sources.json: gallery + negatives origin
Optional arguments: family names (or 'neg') to regenerate only those, merging into the existing manifest.json.
"""
import io, json, math, os, re, shutil, sys, zlib
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps, ImageEnhance

Image.MAX_IMAGE_PIXELS = None
# work folder outside the repository (all paths below, including candidates' pkgs/..., are relative to it)
ROOT = os.path.abspath(os.path.expanduser(os.environ.get('INKSEAL_INDEP_DIR') or '~/.cache/inkseal-indep'))
REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..'))
if (os.path.realpath(ROOT) + os.sep).startswith(os.path.realpath(REPO) + os.sep):
    sys.exit(f'INKSEAL_INDEP_DIR ({ROOT}) must be outside the repository ({REPO})')
# INDEP_SEED draws another set (other gallery works, negatives and parameters) for a fresh look.
SEED = int(os.environ.get('INDEP_SEED', '20240611'))
DRAWS = int(os.environ.get('INDEP_DRAWS', '2'))
N_NEG_PLAIN = int(os.environ.get('INDEP_NEG_PLAIN', '300'))
N_NEG_TRANSFORMED = int(os.environ.get('INDEP_NEG_TRANSFORMED', '110'))
FONT_DIR = '/usr/share/fonts/truetype/dejavu'


def rng_for(*key):
    return np.random.default_rng([SEED, zlib.crc32('|'.join(map(str, key)).encode())])


def font(size, bold=False):
    return ImageFont.truetype(os.path.join(FONT_DIR, 'DejaVuSans-Bold.ttf' if bold else 'DejaVuSans.ttf'), int(size))


def load_flat(path, limit=1024):
    im = Image.open(path)
    im.draft('RGB', (limit * 2, limit * 2))
    if im.mode in ('RGBA', 'LA', 'P', 'PA') or 'transparency' in im.info:
        im = im.convert('RGBA')
        bg = Image.new('RGBA', im.size, (255, 255, 255, 255)); bg.alpha_composite(im); im = bg
    im = im.convert('RGB')
    s = limit / max(im.size)
    if s < 1: im = im.resize((max(1, round(im.width * s)), max(1, round(im.height * s))), Image.LANCZOS)
    return im


# ---------------------------------------------------------------- selection
GALLERY_GROUPS = {
    'photo': ['lomiri:Bridge_by_Sander_Klootwijk', 'lomiri:Dragonfly_by_Bolly', 'lomiri:Picture_0B_by_freespace',
              'lomiri:Wine_by_Jakkub_Mede', 'lomiri:aitzgorri_by_Aitzol_Berasategi', 'lomiri:greentock_by_Peter_Nerlich',
              'lomiri:seeding_by_Clements_Engelhardt', 'lomiri:umang_by_Abhishek_Mudgal', 'lomiri:Kleiber_by_Lukas_Baubkus',
              'mate:Garden', 'mate:Storm', 'mate:TwoWings'],
    'illustration': ['ukui:city', 'ukui:desert', 'ukui:goldfish', 'ukui:rhythm', 'ukui:string', 'ukui:2004default', 'ukui:rollpaper',
                     'mate:elephants', 'lomiri:Fossa_by_Jasper_Roks', 'lomiri:Painting-Colors_by__herobrine7gamer'],
    # (mate's Silk/Waves/Gulp/Spring/Flow are transparent overlays that flatten to blank white; gnome vnc is one flat
    #  colour and gnome symbolic nearly so: none of them is a usable work)
    'flat': ['gnome:licorice', 'gnome:pixels', 'gnome:truchet', 'desktop:homeworld-theme', 'desktop:emerald-theme'],
}
N_CLIP_GALLERY = 13
# other packages' copies of a gallery theme (Debian Edu ships the homeworld design again): kept off the negatives
SAME_THEME_AS_GALLERY = {'edu:debian-edu-homeworld'}


def thumb_vec(im):
    a = np.asarray(im.convert('L').resize((24, 24), Image.BILINEAR), np.float32).ravel()
    a -= a.mean(); n = np.linalg.norm(a)
    return a / n if n else a


def select():
    if not os.path.exists(os.path.join(ROOT, 'candidates.json')):
        sys.exit(f'no candidates.json in {ROOT}: run collect.py first')
    cands = json.load(open(os.path.join(ROOT, 'candidates.json')))
    by_group = {}
    for c in cands: by_group.setdefault(c['group'], []).append(c)
    gallery = []
    for kind, groups in GALLERY_GROUPS.items():
        for g in groups:
            files = sorted(by_group[g], key=lambda c: c['path'])
            pick = [c for c in files if c['path'].endswith('-l.webp')] or files  # GNOME: the light one
            gallery.append(dict(pick[0], kind=kind))
    rng = rng_for('select')
    clip_groups = sorted(g for g, cs in by_group.items() if g.startswith('clip:'))
    order = rng.permutation(len(clip_groups))
    used_dirs = set()
    for i in order:
        cs = [c for c in by_group[clip_groups[i]] if not c['in_corpus']]
        if len(by_group[clip_groups[i]]) != len(cs) or not cs: continue
        c = cs[0]
        d = c['path'].split('/')[-2]
        if '/flags/' in c['path']: continue  # flags: one would do, and tricolours are near-duplicates of each other
        if d in used_dirs or d in ('stars', 'led', 'buttons', 'flags', 'patterns', 'white', 'simple', 'mimetypes', 'filesystems', 'icons', 'apps', 'actions', 'action', 'applications'):
            continue
        w, h = Image.open(os.path.join(ROOT, c['path'])).size
        if max(w, h) < 400: continue
        # skip near-blank clip art (tiny ink on white)
        im = load_flat(os.path.join(ROOT, c['path']), 256)
        ink = (np.asarray(im.convert('L')) < 235).mean()
        if ink < 0.12: continue
        used_dirs.add(d)
        gallery.append(dict(c, kind='clipart'))
        if sum(g['kind'] == 'clipart' for g in gallery) >= N_CLIP_GALLERY: break
    gal_groups = {g['group'] for g in gallery}
    # gallery groups that are whole themes: every variant of the theme stays out of the negatives
    neg_pool = []
    for g, cs in sorted(by_group.items()):
        if g in gal_groups or g in SAME_THEME_AS_GALLERY: continue
        if g.startswith('clip:'): continue
        for c in sorted(cs, key=lambda c: c['path']): neg_pool.append(c)
    n_wall = len(neg_pool)
    clip_neg_groups = [g for g in clip_groups if g not in gal_groups]
    order = rng.permutation(len(clip_neg_groups))
    need = N_NEG_PLAIN + N_NEG_TRANSFORMED - n_wall
    gal_vecs = None
    for i in order:
        if need <= 0: break
        c = sorted(by_group[clip_neg_groups[i]], key=lambda c: c['path'])[0]
        neg_pool.append(c); need -= 1
    return gallery, neg_pool


def safe(s):
    return re.sub(r'[^A-Za-z0-9._-]+', '_', s)[:60]


# ---------------------------------------------------------------- helpers
def save(im, path, fmt=None, quality=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    ext = path.rsplit('.', 1)[1].lower()
    if ext in ('jpg', 'jpeg'): im.convert('RGB').save(path, 'JPEG', quality=quality or 90)
    elif ext == 'webp': im.convert('RGB').save(path, 'WEBP', quality=quality or 80, method=4)
    else: im.save(path, 'PNG', optimize=False)


def cover(im, w, h):
    """Scale to cover w x h and centre-crop."""
    s = max(w / im.width, h / im.height)
    r = im.resize((max(w, round(im.width * s)), max(h, round(im.height * s))), Image.LANCZOS)
    x, y = (r.width - w) // 2, (r.height - h) // 2
    return r.crop((x, y, x + w, y + h))


def contain(im, w, h, bg):
    s = min(w / im.width, h / im.height)
    r = im.resize((max(1, round(im.width * s)), max(1, round(im.height * s))), Image.LANCZOS)
    out = Image.new('RGB', (w, h), bg); out.paste(r, ((w - r.width) // 2, (h - r.height) // 2))
    return out


def perspective_coeffs(dst, src):
    """PIL coefficients mapping output (dst) points to input (src) points."""
    A, B = [], []
    for (x, y), (u, v) in zip(dst, src):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); B.append(u)
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y]); B.append(v)
    return np.linalg.solve(np.array(A, float), np.array(B, float)).tolist()


def rand_text(r, words=None, n=(2, 6)):
    W = words or ['when', 'you', 'see', 'it', 'mood', 'lol', 'this', 'is', 'fine', 'me', 'every', 'monday', 'art', 'found',
                  'so', 'cute', 'omg', 'wow', 'look', 'at', 'colors', 'vibes', 'saved', 'daily', 'inspo', 'new', 'post', 'love']
    return ' '.join(r.choice(W) for _ in range(int(r.integers(n[0], n[1] + 1))))


# ---------------------------------------------------------------- families
def f_collage(im, r, ctx, n):
    gutter = ctx['draw'] % 2 == 1
    g = int(r.integers(6, 20)) if gutter else 0
    square = bool(r.random() < 0.5)
    aspect = 1.0 if square else im.width / im.height
    total = int(r.integers(1024, 1500))
    cw = (total - g * (n + 1)) // n
    ch = max(40, int(cw / aspect))
    W, H = g + n * (cw + g), g + n * (ch + g)
    bgc = tuple(int(x) for x in (r.choice([(255, 255, 255), (0, 0, 0), (240, 236, 228)])))
    out = Image.new('RGB', (W, H), bgc)
    pos = int(r.integers(0, n * n))
    others = ctx['tiles'](r, n * n - 1)
    k = 0
    for i in range(n * n):
        x, y = g + (i % n) * (cw + g), g + (i // n) * (ch + g)
        t = im if i == pos else others[k]
        if i != pos: k += 1
        out.paste(cover(t, cw, ch), (x, y))
    return out, dict(grid=n, gutter=g, cell_aspect=round(aspect, 3), cell=pos, size=[W, H]), 'jpg', 88


def f_collage2(im, r, ctx): return f_collage(im, r, ctx, 2)
def f_collage3(im, r, ctx): return f_collage(im, r, ctx, 3)


def f_screenphoto(im, r, ctx):
    # screen = picture inside a bezel
    sw = 1000; sh = int(sw * 10 / 16)
    fit = 'contain' if r.random() < 0.6 else 'cover'
    screen = contain(im, sw, sh, (0, 0, 0)) if fit == 'contain' else cover(im, sw, sh)
    bez = int(r.integers(18, 45))
    mon = Image.new('RGB', (sw + 2 * bez, sh + 2 * bez), tuple(int(v) for v in r.integers(10, 40, 3)))
    mon.paste(screen, (bez, bez))
    # 3D rotation of the monitor plane
    yaw = math.radians(float(r.uniform(5, 25)) * r.choice([-1, 1]))
    pitch = math.radians(float(r.uniform(0, 12)) * r.choice([-1, 1]))
    roll = math.radians(float(r.uniform(-4, 4)))
    Wm, Hm = mon.size
    pts = np.array([[-Wm / 2, -Hm / 2, 0], [Wm / 2, -Hm / 2, 0], [Wm / 2, Hm / 2, 0], [-Wm / 2, Hm / 2, 0]])
    Ry = np.array([[math.cos(yaw), 0, math.sin(yaw)], [0, 1, 0], [-math.sin(yaw), 0, math.cos(yaw)]])
    Rx = np.array([[1, 0, 0], [0, math.cos(pitch), -math.sin(pitch)], [0, math.sin(pitch), math.cos(pitch)]])
    Rz = np.array([[math.cos(roll), -math.sin(roll), 0], [math.sin(roll), math.cos(roll), 0], [0, 0, 1]])
    P = pts @ (Rz @ Rx @ Ry).T
    f = 1700.0; dist = float(r.uniform(1500, 2100))
    proj = np.stack([f * P[:, 0] / (P[:, 2] + dist), f * P[:, 1] / (P[:, 2] + dist)], 1)
    OW, OH = 1200, 900
    proj += np.array([OW / 2 + r.uniform(-60, 60), OH / 2 + r.uniform(-40, 40)])
    src = [(0, 0), (Wm, 0), (Wm, Hm), (0, Hm)]
    coeffs = perspective_coeffs([tuple(p) for p in proj], src)
    # surround: dark room gradient
    yy, xx = np.mgrid[0:OH, 0:OW].astype(np.float32)
    base = np.array(r.integers(20, 70, 3), np.float32)
    grad = (0.6 + 0.4 * (yy / OH))[..., None] * base
    out = Image.fromarray(np.clip(grad + r.normal(0, 3, (OH, OW, 3)), 0, 255).astype(np.uint8))
    warped = mon.transform((OW, OH), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    mask = Image.new('L', mon.size, 255).transform((OW, OH), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    out.paste(warped, (0, 0), mask)
    a = np.asarray(out, np.float32)
    # moire: interference of two slightly different gratings, plus sensor noise
    fr1, fr2 = r.uniform(0.9, 1.3), r.uniform(0.9, 1.3)
    th = r.uniform(0, math.pi)
    moire = np.sin(fr1 * (xx * math.cos(th) + yy * math.sin(th))) * np.sin(fr2 * (xx * math.cos(th + 0.05) + yy * math.sin(th + 0.05)))
    amp = float(r.uniform(4, 12))
    a += amp * moire[..., None]
    # glare: broad bright gradient from a random point
    gx, gy = r.uniform(0, OW), r.uniform(0, OH * 0.6)
    gs = r.uniform(250, 600); gi = float(r.uniform(40, 110))
    glare = gi * np.exp(-(((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * gs ** 2)))
    a += glare[..., None]
    a += r.normal(0, float(r.uniform(2, 6)), a.shape)
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(float(r.uniform(0.6, 1.6))))
    return out, dict(yaw=round(math.degrees(yaw), 1), pitch=round(math.degrees(pitch), 1), roll=round(math.degrees(roll), 1),
                     bezel=bez, glare=round(gi), moire_amp=round(amp, 1), fit=fit), 'jpg', 85


def draw_emoji(d, cx, cy, rad, r):
    d.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=(255, 204, 51), outline=(200, 140, 0), width=max(2, rad // 15))
    e = rad // 5
    d.ellipse((cx - rad // 2 - e // 2, cy - rad // 3 - e, cx - rad // 2 + e // 2, cy - rad // 3 + e), fill=(60, 40, 20))
    d.ellipse((cx + rad // 2 - e // 2, cy - rad // 3 - e, cx + rad // 2 + e // 2, cy - rad // 3 + e), fill=(60, 40, 20))
    kind = int(r.integers(0, 3))
    if kind == 0: d.arc((cx - rad // 2, cy - rad // 4, cx + rad // 2, cy + rad // 2), 20, 160, fill=(60, 40, 20), width=max(2, rad // 10))
    elif kind == 1: d.ellipse((cx - rad // 4, cy + rad // 6, cx + rad // 4, cy + rad // 2), fill=(120, 30, 30))
    else: d.chord((cx - rad // 2, cy, cx + rad // 2, cy + rad // 2), 0, 180, fill=(120, 30, 30))


def draw_heart(d, cx, cy, rad, col):
    d.ellipse((cx - rad, cy - rad // 2, cx, cy + rad // 2), fill=col)
    d.ellipse((cx, cy - rad // 2, cx + rad, cy + rad // 2), fill=col)
    d.polygon([(cx - rad, cy + rad // 8), (cx + rad, cy + rad // 8), (cx, cy + rad)], fill=col)


def draw_star(d, cx, cy, rad, col):
    pts = [(cx + (rad if i % 2 == 0 else rad * 0.45) * math.cos(math.pi / 2 + i * math.pi / 5),
            cy - (rad if i % 2 == 0 else rad * 0.45) * math.sin(math.pi / 2 + i * math.pi / 5)) for i in range(10)]
    d.polygon(pts, fill=col, outline=(255, 255, 255))


def f_stickers(im, r, ctx):
    out = im.copy(); W, H = out.size
    target = float(r.uniform(0.10, 0.20)) * W * H
    mask = np.zeros((H, W), bool)
    d = ImageDraw.Draw(out)
    kinds = []
    tries = 0
    while mask.mean() * W * H < target and tries < 40:
        tries += 1
        k = r.choice(['emoji', 'heart', 'star', 'bubble', 'clip'])
        rad = int(min(W, H) * r.uniform(0.07, 0.16))
        cx, cy = int(r.integers(rad, W - rad)), int(r.integers(rad, H - rad))
        if k == 'emoji': draw_emoji(d, cx, cy, rad, r); box = (cx - rad, cy - rad, cx + rad, cy + rad)
        elif k == 'heart': draw_heart(d, cx, cy, rad, (230, 40, 80)); box = (cx - rad, cy - rad // 2, cx + rad, cy + rad)
        elif k == 'star': draw_star(d, cx, cy, rad, tuple(int(v) for v in r.integers(100, 255, 3))); box = (cx - rad, cy - rad, cx + rad, cy + rad)
        elif k == 'bubble':
            txt = rand_text(r, n=(1, 3)); fz = max(12, rad // 2)
            tw = d.textlength(txt, font=font(fz, True))
            bw, bh = int(tw + fz * 1.4), int(fz * 2)
            x0, y0 = max(0, min(W - bw, cx - bw // 2)), max(0, min(H - bh - fz, cy - bh // 2))
            d.rounded_rectangle((x0, y0, x0 + bw, y0 + bh), radius=bh // 2, fill=(255, 255, 255), outline=(0, 0, 0), width=3)
            d.polygon([(x0 + bw // 4, y0 + bh - 2), (x0 + bw // 4 + fz, y0 + bh - 2), (x0 + bw // 4 - fz // 3, y0 + bh + fz)], fill=(255, 255, 255), outline=(0, 0, 0))
            d.text((x0 + fz * 0.7, y0 + fz * 0.4), txt, fill=(0, 0, 0), font=font(fz, True))
            box = (x0, y0, x0 + bw, y0 + bh + fz)
        else:
            t = ctx['tiles'](r, 1)[0]
            s = 2 * rad / max(t.size)
            t = t.resize((max(1, int(t.width * s)), max(1, int(t.height * s))), Image.LANCZOS)
            x0, y0 = max(0, min(W - t.width, cx - t.width // 2)), max(0, min(H - t.height, cy - t.height // 2))
            d.rectangle((x0 - 6, y0 - 6, x0 + t.width + 6, y0 + t.height + 6), fill=(255, 255, 255))
            out.paste(t, (x0, y0)); box = (x0 - 6, y0 - 6, x0 + t.width + 6, y0 + t.height + 6)
        kinds.append(str(k))
        x0, y0, x1, y1 = [int(v) for v in box]
        mask[max(0, y0):max(0, y1), max(0, x0):max(0, x1)] = True
    return out, dict(stickers=kinds, covered=round(float(mask.mean()), 3)), 'jpg', 88


def _rotate(im, r, crop):
    ang = float(r.uniform(3, 12)) * float(r.choice([-1, 1]))
    if crop:
        rot = im.rotate(ang, Image.BICUBIC, expand=False)
        # largest axis-aligned rectangle inside the rotated picture
        w, h = im.size; a = math.radians(abs(ang))
        sin, cos = math.sin(a), math.cos(a)
        if min(w, h) <= 2 * sin * cos * max(w, h):
            x = 0.5 * min(w, h); wr, hr = (x / sin, x / cos) if w >= h else (x / cos, x / sin)
        else:
            c2 = cos * cos - sin * sin; wr, hr = (w * cos - h * sin) / c2, (h * cos - w * sin) / c2
        box = ((w - wr) / 2, (h - hr) / 2, (w + wr) / 2, (h + hr) / 2)
        return rot.crop(tuple(int(round(v)) for v in box)), dict(angle=round(ang, 1), fill='crop-to-fill'), 'jpg', 90
    fill = str(r.choice(['black', 'white', 'blur']))
    if fill == 'blur':
        big = im.rotate(ang, Image.BICUBIC, expand=True)
        bg = cover(im, big.width, big.height).filter(ImageFilter.GaussianBlur(25))
        m = Image.new('L', im.size, 255).rotate(ang, Image.BICUBIC, expand=True)
        bg.paste(big, (0, 0), m); out = bg
    else:
        out = im.rotate(ang, Image.BICUBIC, expand=True, fillcolor=(0, 0, 0) if fill == 'black' else (255, 255, 255))
    return out, dict(angle=round(ang, 1), fill=fill), 'jpg', 90


def f_rotate(im, r, ctx): return _rotate(im, r, False)
def f_rotate_crop(im, r, ctx): return _rotate(im, r, True)


def _crop(im, r, centred):
    f = float(r.uniform(0.5, 0.85))
    # f = kept fraction of area; aspect jittered
    asp = float(r.uniform(0.8, 1.25))
    cw = min(im.width, int(im.width * math.sqrt(f) * asp)); ch = min(im.height, int(im.width * im.height * f / cw))
    if centred: x, y = (im.width - cw) // 2, (im.height - ch) // 2
    else:
        corner = int(r.integers(0, 4))
        x = 0 if corner in (0, 3) else im.width - cw
        y = 0 if corner in (0, 1) else im.height - ch
        x += int(r.integers(0, max(1, (im.width - cw) // 6 + 1))) * (1 if x == 0 else -1)
        y += int(r.integers(0, max(1, (im.height - ch) // 6 + 1))) * (1 if y == 0 else -1)
    out = im.crop((x, y, x + cw, y + ch))
    return out, dict(area=round(cw * ch / (im.width * im.height), 3), box=[x, y, cw, ch]), 'jpg', 90


def f_crop_center(im, r, ctx): return _crop(im, r, True)
def f_crop_offcenter(im, r, ctx): return _crop(im, r, False)


def wood(w, h, r):
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    base = np.array([120, 75, 35], np.float32) * r.uniform(0.8, 1.2)
    rings = np.sin((yy * 0.08 + 6 * np.sin(xx * 0.01 + r.uniform(0, 6))) ) * 0.5 + 0.5
    grain = r.normal(0, 1, (h, w)).astype(np.float32)
    a = base * (0.75 + 0.25 * rings[..., None]) + 8 * grain[..., None]
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def f_border(im, r, ctx):
    style = str(r.choice(['plain', 'wood', 'polaroid', 'double']))
    W, H = im.size; m = int(min(W, H) * r.uniform(0.05, 0.14))
    if style == 'plain':
        col = tuple(int(v) for v in r.integers(0, 256, 3))
        out = ImageOps.expand(im, m, fill=col); p = dict(colour=col)
    elif style == 'wood':
        out = wood(W + 2 * m, H + 2 * m, r)
        d = ImageDraw.Draw(out); d.rectangle((m - 4, m - 4, W + m + 3, H + m + 3), fill=(235, 225, 205))
        out.paste(im, (m, m)); p = {}
    elif style == 'polaroid':
        bottom = int(m * r.uniform(3, 4.5))
        out = Image.new('RGB', (W + 2 * m, H + m + bottom), (248, 248, 244)); out.paste(im, (m, m))
        d = ImageDraw.Draw(out)
        if r.random() < 0.6:
            d.text((m * 1.2, H + m + bottom * 0.3), rand_text(r, n=(1, 3)), fill=(40, 40, 90), font=font(bottom * 0.3))
        p = dict(bottom=bottom)
    else:
        c1 = tuple(int(v) for v in r.integers(0, 256, 3)); c2 = tuple(int(v) for v in r.integers(0, 256, 3))
        out = ImageOps.expand(ImageOps.expand(im, m // 3, fill=c1), m, fill=c2); p = dict(colours=[c1, c2])
    return out, dict(style=style, margin=m, **p), 'jpg', 90


STATUS_ICONS = True


def status_bar(d, W, h, fg, r):
    d.text((W * 0.05, h * 0.2), f'{int(r.integers(7, 23))}:{int(r.integers(0, 60)):02d}', fill=fg, font=font(h * 0.55, True))
    x = W * 0.95
    d.rectangle((x - h * 0.9, h * 0.3, x - h * 0.1, h * 0.7), outline=fg, width=2)
    d.rectangle((x - h * 0.85, h * 0.35, x - h * 0.85 + h * 0.7 * r.uniform(0.2, 1), h * 0.65), fill=fg)
    for i in range(4):
        d.rectangle((x - h * 2 + i * h * 0.18, h * (0.7 - 0.1 * (i + 1)), x - h * 2 + i * h * 0.18 + h * 0.1, h * 0.7), fill=fg)


def f_screenshot_feed(im, r, ctx):
    dark = bool(r.random() < 0.5)
    W, H = 720, 1560
    bg, fg, sub = ((0, 0, 0), (245, 245, 245), (40, 40, 40)) if dark else ((255, 255, 255), (20, 20, 20), (235, 235, 235))
    app = str(r.choice(['insta', 'tweet', 'pinboard']))
    out = Image.new('RGB', (W, H), bg); d = ImageDraw.Draw(out)
    sb = 50; status_bar(d, W, sb, fg, r)
    top = 100
    d.rectangle((0, sb, W, sb + top), fill=bg)
    d.text((24, sb + 28), str(r.choice(['Home', 'Feed', 'For you', 'Explore', 'inkgram'])), fill=fg, font=font(38, True))
    d.line((0, sb + top, W, sb + top), fill=sub, width=2)
    y = sb + top + 16
    # post header: avatar + name
    av = tuple(int(v) for v in r.integers(60, 230, 3))
    d.ellipse((20, y, 84, y + 64), fill=av)
    d.text((100, y + 6), '@' + rand_text(r, n=(1, 1)) + str(int(r.integers(1, 999))), fill=fg, font=font(26, True))
    d.text((100, y + 38), f'{int(r.integers(1, 59))}m', fill=(130, 130, 130), font=font(20))
    y += 84
    if app == 'tweet':
        d.text((24, y), rand_text(r, n=(3, 7)), fill=fg, font=font(28)); y += 50
        pw = W - 48; ph = min(int(pw * im.height / im.width), 820)
        pic = cover(im, pw, ph); m = Image.new('L', (pw, ph), 0); ImageDraw.Draw(m).rounded_rectangle((0, 0, pw, ph), 24, fill=255)
        out.paste(pic, (24, y), m); y += ph + 20
    elif app == 'pinboard':
        pw = int(W * 0.62); ph = min(int(pw * im.height / im.width), 900)
        pic = cover(im, pw, ph); out.paste(pic, (16, y))
        other = ctx['tiles'](r, 2)
        ow = W - pw - 48; oh1 = int(ph * 0.55)
        out.paste(cover(other[0], ow, oh1), (pw + 32, y)); out.paste(cover(other[1], ow, ph - oh1 - 16), (pw + 32, y + oh1 + 16))
        y += ph + 20
    else:
        pw = W; ph = min(int(W * im.height / im.width), 900)
        out.paste(cover(im, pw, ph), (0, y)); y += ph + 16
    for i, icon in enumerate(['♡', '💬', '↗']):
        d.ellipse((24 + i * 70, y, 64 + i * 70, y + 40), outline=fg, width=3)
    y += 56
    d.text((24, y), f'{int(r.integers(3, 9999))} likes', fill=fg, font=font(24, True)); y += 36
    d.text((24, y), rand_text(r, n=(3, 8)), fill=fg, font=font(24))
    # bottom nav bar
    nb = 110
    d.rectangle((0, H - nb, W, H), fill=bg); d.line((0, H - nb, W, H - nb), fill=sub, width=2)
    for i in range(5):
        cx = W * (i + 0.5) / 5
        d.rounded_rectangle((cx - 22, H - nb + 28, cx + 22, H - nb + 72), 8, outline=fg, width=3)
    d.rounded_rectangle((W / 2 - 110, H - 22, W / 2 + 110, H - 14), 4, fill=fg)
    scale = float(r.choice([1.0, 0.75, 0.5]))
    if scale != 1: out = out.resize((int(W * scale), int(H * scale)), Image.LANCZOS)
    return out, dict(app=app, dark=dark, scale=scale), 'png' if r.random() < 0.5 else 'jpg', 90


def f_screenshot_chat(im, r, ctx):
    dark = bool(r.random() < 0.5)
    W, H = 720, 1560
    bg = (18, 18, 22) if dark else tuple(int(v) for v in r.choice([(230, 221, 212), (255, 255, 255), (236, 229, 221)]))
    fg = (240, 240, 240) if dark else (20, 20, 20)
    mine = (0, 92, 75) if dark else (220, 248, 198)
    theirs = (38, 45, 49) if dark else (255, 255, 255)
    out = Image.new('RGB', (W, H), bg); d = ImageDraw.Draw(out)
    sb = 50; bar = (32, 44, 51) if dark else tuple(int(v) for v in r.choice([(7, 94, 84), (245, 245, 245), (0, 122, 255)]))
    d.rectangle((0, 0, W, sb + 100), fill=bar)
    tc = (255, 255, 255) if sum(bar) < 400 else (20, 20, 20)
    status_bar(d, W, sb, tc, r)
    d.ellipse((70, sb + 18, 134, sb + 82), fill=tuple(int(v) for v in r.integers(60, 230, 3)))
    d.text((150, sb + 22), rand_text(r, n=(1, 2)).title(), fill=tc, font=font(30, True))
    d.text((150, sb + 60), 'online', fill=tc, font=font(20))
    y = sb + 130
    thumb_frac = float(r.uniform(0.45, 0.75))
    pic_at = int(r.integers(1, 4))
    for i in range(6):
        me = bool(r.random() < 0.5)
        if i == pic_at:
            pw = int(W * thumb_frac); ph = min(int(pw * im.height / im.width), int(pw * 1.3))
            x = W - pw - 40 if me else 40
            d.rounded_rectangle((x - 8, y - 8, x + pw + 8, y + ph + 40), 18, fill=mine if me else theirs)
            out.paste(cover(im, pw, ph), (x, y))
            d.text((x + pw - 70, y + ph + 8), '12:0' + str(i), fill=(140, 140, 140), font=font(18))
            y += ph + 70
        else:
            txt = rand_text(r, n=(2, 7)); tw = d.textlength(txt, font=font(26))
            bw = min(W * 0.7, tw + 40); x = W - bw - 30 if me else 30
            d.rounded_rectangle((x, y, x + bw, y + 60), 18, fill=mine if me else theirs)
            d.text((x + 20, y + 14), txt[:40], fill=fg, font=font(26)); y += 84
        if y > H - 250: break
    # input bar
    d.rectangle((0, H - 120, W, H), fill=bg)
    d.rounded_rectangle((20, H - 105, W - 110, H - 35), 35, fill=theirs)
    d.text((50, H - 88), 'Message', fill=(140, 140, 140), font=font(26))
    d.ellipse((W - 95, H - 105, W - 25, H - 35), fill=(0, 168, 132))
    scale = float(r.choice([1.0, 0.75, 0.5]))
    if scale != 1: out = out.resize((int(W * scale), int(H * scale)), Image.LANCZOS)
    return out, dict(dark=dark, thumb_frac=round(thumb_frac, 2), scale=scale), 'png' if r.random() < 0.5 else 'jpg', 90


def f_caption(im, r, ctx):
    W, H = im.size
    where = str(r.choice(['top', 'bottom', 'both']))
    bh = int(H * r.uniform(0.10, 0.25))
    dark = bool(r.random() < 0.4)
    bg, fg = ((0, 0, 0), (255, 255, 255)) if dark else ((255, 255, 255), (0, 0, 0))
    n = 2 if where == 'both' else 1
    out = Image.new('RGB', (W, H + n * bh), bg)
    out.paste(im, (0, bh if where != 'bottom' else 0))
    d = ImageDraw.Draw(out)
    for k in range(n):
        y0 = 0 if (where == 'top' or (where == 'both' and k == 0)) else H + (bh if where == 'both' else 0)
        txt = rand_text(r, n=(2, 6))
        fz = int(bh * 0.38)
        while fz > 10 and d.textlength(txt, font=font(fz, True)) > W * 0.92: fz -= 2
        tw = d.textlength(txt, font=font(fz, True))
        d.text(((W - tw) / 2, y0 + (bh - fz) / 2), txt, fill=fg, font=font(fz, True))
    return out, dict(where=where, bar=round(bh / H, 3), dark=dark), 'jpg', 88


def f_jpeg_low(im, r, ctx):
    q = int(r.integers(5, 21))
    return im, dict(quality=q), 'jpg', q


def f_downscale(im, r, ctx):
    L = int(r.integers(200, 401)); s = L / max(im.size)
    return im.resize((max(1, round(im.width * s)), max(1, round(im.height * s))), Image.LANCZOS), dict(long_side=L), 'jpg', 85


def f_blur(im, r, ctx):
    rad = float(r.uniform(2, 5))
    return im.filter(ImageFilter.GaussianBlur(rad)), dict(radius=round(rad, 2)), 'jpg', 90


def f_noise(im, r, ctx):
    sig = float(r.uniform(10, 30)); a = np.asarray(im, np.float32)
    if r.random() < 0.5: a = a + r.normal(0, sig, a.shape); kind = 'colour'
    else: a = a + r.normal(0, sig, a.shape[:2])[..., None]; kind = 'luma'
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)), dict(sigma=round(sig, 1), kind=kind), 'jpg', 90


def f_colorshift(im, r, ctx):
    hsv = np.asarray(im.convert('HSV')).astype(np.int16)
    dh = int(r.integers(10, 40)) * int(r.choice([-1, 1]))
    hsv[..., 0] = (hsv[..., 0] + int(dh * 256 / 360)) % 256
    out = Image.fromarray(hsv.astype(np.uint8), 'HSV').convert('RGB')
    sat = float(r.uniform(0.6, 1.5)); bri = float(r.uniform(0.8, 1.2)); con = float(r.uniform(0.8, 1.25))
    out = ImageEnhance.Contrast(ImageEnhance.Brightness(ImageEnhance.Color(out).enhance(sat)).enhance(bri)).enhance(con)
    return out, dict(hue_deg=dh, saturation=round(sat, 2), brightness=round(bri, 2), contrast=round(con, 2)), 'jpg', 90


def f_grey_sepia(im, r, ctx):
    g = np.asarray(im.convert('L'), np.float32)
    if ctx['draw'] % 2 == 0: return Image.fromarray(g.astype(np.uint8)).convert('RGB'), dict(mode='grey'), 'jpg', 90
    a = np.stack([g * 1.07 + 20, g * 0.95 + 5, g * 0.75 - 5], -1)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)), dict(mode='sepia'), 'jpg', 90


def f_watermark(im, r, ctx):
    W, H = im.size
    txt = str(r.choice(['@artsharez', 'reposted by pixlbin', 'SAMPLE', 'wallz.hd', '© repost_hub', 'follow @daily.inspo']))
    alpha = int(r.uniform(0.2, 0.45) * 255)
    fz = int(min(W, H) * r.uniform(0.05, 0.1))
    ang = float(r.uniform(-40, 40))
    big = Image.new('RGBA', (W * 2, H * 2), (0, 0, 0, 0)); d = ImageDraw.Draw(big)
    col = (255, 255, 255, alpha) if r.random() < 0.6 else (0, 0, 0, alpha)
    tw = d.textlength(txt, font=font(fz, True)) + fz * 2
    for yy in range(0, H * 2, int(fz * 3)):
        off = (yy // int(fz * 3)) % 2 * tw / 2
        for xx in np.arange(-tw, W * 2, tw): d.text((xx + off, yy), txt, fill=col, font=font(fz, True))
    big = big.rotate(ang, Image.BICUBIC).crop((W // 2, H // 2, W // 2 + W, H // 2 + H))
    out = im.convert('RGBA'); out.alpha_composite(big)
    return out.convert('RGB'), dict(text=txt, alpha=round(alpha / 255, 2), angle=round(ang, 1), size=fz), 'jpg', 90


def f_mirror_crop(im, r, ctx):
    m = ImageOps.mirror(im); f = float(r.uniform(0.75, 0.95))
    cw, ch = int(m.width * f), int(m.height * f)
    x, y = int(r.integers(0, m.width - cw + 1)), int(r.integers(0, m.height - ch + 1))
    return m.crop((x, y, x + cw, y + ch)), dict(keep=round(f, 3), box=[x, y, cw, ch]), 'jpg', 90


def f_webp(im, r, ctx):
    q = int(r.integers(20, 81)); s = float(r.uniform(0.5, 1.0))
    out = im.resize((max(1, round(im.width * s)), max(1, round(im.height * s))), Image.LANCZOS) if s < 0.98 else im
    return out, dict(quality=q, scale=round(s, 2)), 'webp', q


FAMILIES = {
    'collage2x2': f_collage2, 'collage3x3': f_collage3, 'screenphoto': f_screenphoto, 'stickers': f_stickers,
    'rotate': f_rotate, 'rotate_crop': f_rotate_crop, 'crop_center': f_crop_center, 'crop_offcenter': f_crop_offcenter,
    'border': f_border, 'screenshot_feed': f_screenshot_feed, 'screenshot_chat': f_screenshot_chat, 'caption': f_caption,
    'jpeg_low': f_jpeg_low, 'downscale': f_downscale, 'blur': f_blur, 'noise': f_noise, 'colorshift': f_colorshift,
    'grey_sepia': f_grey_sepia, 'watermark': f_watermark, 'mirror_crop': f_mirror_crop, 'webp': f_webp,
}


def main():
    only = set(sys.argv[1:])
    gallery, neg_pool = select()
    for d in ['gallery', 'pos', 'neg']:
        if not only: shutil.rmtree(os.path.join(ROOT, d), ignore_errors=True)
    os.makedirs(os.path.join(ROOT, 'gallery'), exist_ok=True)
    manifest = {}
    sources = dict(gallery=[], negatives=[])
    works = []
    for g in gallery:
        im = load_flat(os.path.join(ROOT, g['path']))
        name = safe(f"{g['kind']}_{g['group'].split(':', 1)[1]}")
        ext = 'jpg' if g['kind'] == 'photo' else 'png'
        fn = f'{name}.{ext}'
        save(im, os.path.join(ROOT, 'gallery', fn), quality=92)
        works.append((fn, name, im))
        sources['gallery'].append(dict(file='gallery/' + fn, kind=g['kind'], package=g['pkg'], original=g['path'], group=g['group'],
                                       corpus_similarity=g['corpus_sim'], size=list(im.size)))
    gal_vecs = np.stack([thumb_vec(w[2]) for w in works])
    # negatives: load, drop any that look like a gallery work (belt and braces on top of the grouping)
    negs = []
    for c in neg_pool:
        im = load_flat(os.path.join(ROOT, c['path']))
        if np.asarray(im.convert('L'), np.float32).std() < 8:
            print('dropping near-blank negative', c['path'], file=sys.stderr); continue
        sim = float((gal_vecs @ thumb_vec(im)).max())
        if sim > 0.85: print('dropping negative', c['path'], 'sim', round(sim, 3), file=sys.stderr); continue
        name = safe(f"{c['group'].split(':', 1)[0]}_{os.path.basename(c['path']).rsplit('.', 1)[0]}")
        if c['group'].startswith(('plasma:', 'desktop:', 'edu:')): name = safe(c['group'].replace(':', '_'))
        negs.append((name, im, c))
    rng = rng_for('negsplit')
    order = rng.permutation(len(negs))
    plain = [negs[i] for i in order[:N_NEG_PLAIN]]
    trans = [negs[i] for i in order[N_NEG_PLAIN:N_NEG_PLAIN + N_NEG_TRANSFORMED]]
    tile_pool = [n[1] for n in plain]

    def tiles(r, k):
        return [tile_pool[int(i)] for i in r.choice(len(tile_pool), size=k, replace=False)]

    if not only or 'neg' in only:
        for name, im, c in plain:
            ext = 'jpg' if c['kind'] == 'photo' else 'png'
            fn = f'neg/plain/{name}.{ext}'
            save(im, os.path.join(ROOT, fn), quality=90)
            manifest[fn] = dict(role='neg', family='plain', source=c['path'], group=c['group'], kind=c['kind'])
            sources['negatives'].append(dict(file=fn, package=c['pkg'], original=c['path'], group=c['group']))
        fams = list(FAMILIES)
        for j, (name, im, c) in enumerate(trans):
            fam = fams[j % len(fams)]
            r = rng_for('neg', fam, name)
            out, params, ext, q = FAMILIES[fam](im, r, dict(draw=j // len(fams), tiles=tiles))
            fn = f'neg/{fam}/{name}__0.{ext}'
            save(out, os.path.join(ROOT, fn), quality=q)
            manifest[fn] = dict(role='neg', family=fam, source=c['path'], group=c['group'], kind=c['kind'], params=params)
            sources['negatives'].append(dict(file=fn, package=c['pkg'], original=c['path'], group=c['group']))
    for fam, fn_ in FAMILIES.items():
        if only and fam not in only: continue
        for fn, name, im in works:
            for draw in range(DRAWS):
                r = rng_for('pos', fam, name, draw)
                out, params, ext, q = fn_(im, r, dict(draw=draw, tiles=tiles))
                path = f'pos/{fam}/{name}__{draw}.{ext}'
                save(out, os.path.join(ROOT, path), quality=q)
                manifest[path] = dict(role='pos', family=fam, work=fn, draw=draw, params=params)
        print('family', fam, 'done', file=sys.stderr)
    if not only:
        json.dump(manifest, open(os.path.join(ROOT, 'manifest.json'), 'w'), indent=1, default=str)
        json.dump(sources, open(os.path.join(ROOT, 'sources.json'), 'w'), indent=1)
    else:
        old = json.load(open(os.path.join(ROOT, 'manifest.json')))
        old.update(manifest); json.dump(old, open(os.path.join(ROOT, 'manifest.json'), 'w'), indent=1, default=str)


if __name__ == '__main__':
    main()
