#!/usr/bin/python3
"""Step 1 of the independent repost evaluation (npm run bench:indep): list candidate pictures from the extracted
Debian packages under $INKSEAL_INDEP_DIR/pkgs, group them by theme (so that variants of one design land on one
side only), flag any that resemble a picture of the corpus's art/ folder (those are never used as gallery works),
and write candidates.json. Deterministic.

Independently written generator: its author never read test/bench/families.ts. It is a second opinion beside
bench:quality, not a replacement for it."""
import glob, json, os, re, sys
import numpy as np
from PIL import Image

Image.MAX_IMAGE_PIXELS = None
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
# work folder outside the repository: downloads and generated pictures never land in the checkout
ROOT = os.path.abspath(os.path.expanduser(os.environ.get('INKSEAL_INDEP_DIR') or '~/.cache/inkseal-indep'))
CORPUS = os.path.abspath(os.environ.get('INKSEAL_CORPUS_DIR') or os.path.join(REPO, '..', 'shared', 'corpus'))
P = os.path.join(ROOT, 'pkgs')
if (os.path.realpath(ROOT) + os.sep).startswith(os.path.realpath(REPO) + os.sep):
    sys.exit(f'INKSEAL_INDEP_DIR ({ROOT}) must be outside the repository ({REPO})')
if not os.path.isdir(os.path.join(CORPUS, 'art')):
    sys.exit(f'corpus not found at {CORPUS} (needs art/): set INKSEAL_CORPUS_DIR')
if not os.path.isdir(P):
    sys.exit(f'no extracted packages in {P}: run test/bench/indep/run.sh, which downloads them')
cands = []  # dict(path, pkg, group, kind)


def add(path, pkg, group, kind):
    cands.append(dict(path=os.path.relpath(path, ROOT), pkg=pkg, group=group, kind=kind))


# GNOME: light/dark pairs form one group
for f in sorted(glob.glob(f'{P}/gnome-backgrounds/usr/share/backgrounds/gnome/*.webp')):
    stem = re.sub(r'-[ld]$', '', os.path.basename(f).rsplit('.', 1)[0])
    add(f, 'gnome-backgrounds', 'gnome:' + stem, 'flat')
# MATE
for f in sorted(glob.glob(f'{P}/mate-backgrounds/usr/share/backgrounds/mate/*/*')):
    b = os.path.basename(f).rsplit('.', 1)[0]
    sub = f.split('/')[-2]
    g = b
    if 'Stripes' in b: g = 'stripes'
    if b.startswith('Ubuntu-Mate-'): g = 'ubuntu-mate'
    if b.startswith('Elephants'): g = 'elephants'
    kind = 'photo' if sub == 'nature' else 'illustration'
    add(f, 'mate-backgrounds', 'mate:' + g, kind)
# sway: one design in many sizes -> one group, one file
add(f'{P}/sway-backgrounds/usr/share/backgrounds/sway/Sway_Wallpaper_Blue_1920x1080.png', 'sway-backgrounds', 'sway', 'flat')
for f in sorted(glob.glob(f'{P}/ukui-wallpapers/usr/share/backgrounds/*')):
    add(f, 'ukui-wallpapers', 'ukui:' + os.path.basename(f).rsplit('.', 1)[0], 'illustration')
for pkg in ['lomiri-wallpapers', 'lomiri-wallpapers-16.04', 'lomiri-wallpapers-20.04']:
    for f in sorted(glob.glob(f'{P}/{pkg}/usr/share/backgrounds/*')):
        add(f, pkg, 'lomiri:' + os.path.basename(f).rsplit('.', 1)[0], 'photo')
# Plasma: one file per theme (largest landscape of images/)
for d in sorted(glob.glob(f'{P}/plasma-workspace-wallpapers/usr/share/wallpapers/*/')):
    imgs = glob.glob(d + 'contents/images/*')
    if not imgs: continue
    def area(p):
        m = re.search(r'(\d+)x(\d+)', os.path.basename(p)); w, h = int(m[1]), int(m[2])
        return (w >= h, w * h)
    f = max(imgs, key=area)
    add(f, 'plasma-workspace-wallpapers', 'plasma:' + d.rstrip('/').split('/')[-1], 'illustration')
# desktop-base / debian-edu themes: raster grub backgrounds, one per theme
for f in sorted(glob.glob(f'{P}/desktop-base/usr/share/desktop-base/*-theme/grub/grub-16x9.png')):
    add(f, 'desktop-base', 'desktop:' + f.split('/')[-3], 'illustration')
for f in sorted(glob.glob(f'{P}/debian-edu-artwork-*/usr/share/plymouth/themes/*/background.png')):
    add(f, f.split('/')[len(P.split('/'))], 'edu:' + f.split('/')[-2], 'illustration')
# openclipart: group by name stem (drop trailing _NN / digits), keep pictures with long side >= 300
for f in sorted(glob.glob(f'{P}/openclipart-png/usr/share/openclipart/png/**/*.png', recursive=True)):
    try:
        w, h = Image.open(f).size
    except Exception:
        continue
    if max(w, h) < 300 or max(w, h) > 6000 or min(w, h) < 0.25 * max(w, h): continue
    stem = re.sub(r'[_\-]*\d*$', '', os.path.basename(f)[:-4])
    stem = re.sub(r'_+$', '', stem)
    add(f, 'openclipart-png', 'clip:' + stem[:16], 'clipart')


def thumb(path):
    im = Image.open(path)
    im.draft('RGB', (256, 256))
    if im.mode in ('RGBA', 'LA', 'P'):
        im = im.convert('RGBA'); bg = Image.new('RGBA', im.size, (255, 255, 255, 255)); bg.alpha_composite(im); im = bg
    im = im.convert('L').resize((24, 24), Image.BILINEAR)
    a = np.asarray(im, np.float32).ravel(); a -= a.mean(); n = np.linalg.norm(a)
    return a / n if n > 0 else a


corpus = sorted(glob.glob(f'{CORPUS}/art/*.jpg') + glob.glob(f'{CORPUS}/art/*.png'))
ct = np.stack([thumb(c) for c in corpus])
cnames = [os.path.basename(c) for c in corpus]
for c in cands:
    t = thumb(os.path.join(ROOT, c['path']))
    s = ct @ t
    i = int(np.argmax(s))
    c['corpus_sim'] = round(float(s[i]), 3)
    c['corpus_nearest'] = cnames[i]
    # corpus names also carry the source file name: match them too
    base = os.path.basename(c['path']).rsplit('.', 1)[0].lower()
    c['in_corpus'] = bool(s[i] > 0.9 or any(base[:20] in n.lower() for n in cnames if len(base) >= 6))
json.dump(cands, open(os.path.join(ROOT, 'candidates.json'), 'w'), indent=1)
print(len(cands), 'candidates;', sum(c['in_corpus'] for c in cands), 'resemble the corpus', file=sys.stderr)
