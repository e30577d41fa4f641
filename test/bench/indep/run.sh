#!/bin/bash
# npm run bench:indep — independent repost evaluation of the scanner: downloads Debian packages into a cache
# folder, generates a seeded gallery/positives/negatives set there (collect.py, gen.py), scans it with
# src/cli/scan.ts and scores the JSON output (analyze.py).
# Independently written generator: its author never read test/bench/families.ts; a second opinion beside
# bench:quality. Usage: bash test/bench/indep/run.sh [--no-gen]   (--no-gen rescans the existing set)
# Env: INKSEAL_INDEP_DIR (work folder, default ~/.cache/inkseal-indep), INKSEAL_CORPUS_DIR (default
# <repo>/../shared/corpus), INKSEAL_MODEL_DIR (passed through to the scanner).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/../../.." && pwd -P)   # test/bench/indep -> repository root
DIR=${INKSEAL_INDEP_DIR:-$HOME/.cache/inkseal-indep}
CORPUS=${INKSEAL_CORPUS_DIR:-$REPO/../shared/corpus}
PY=/usr/bin/python3   # Debian's python3: another python3 on PATH may lack PIL
PKGS="gnome-backgrounds mate-backgrounds sway-backgrounds ukui-wallpapers lomiri-wallpapers lomiri-wallpapers-16.04
  lomiri-wallpapers-20.04 openclipart-png desktop-base debian-edu-artwork-spacefun debian-edu-artwork-homeworld
  debian-edu-artwork-emerald plasma-workspace-wallpapers"
GEN=1
case "${1:-}" in
  --no-gen) GEN=0 ;;
  "") ;;
  *) echo "usage: $0 [--no-gen]" >&2; exit 2 ;;
esac

die() { echo "bench:indep: $*" >&2; exit 1; }
[ -x "$PY" ] && "$PY" -c 'import PIL, numpy' 2>/dev/null \
  || die "$PY with PIL and numpy is needed: apt-get install -y python3-pil python3-numpy"
DIR=$(realpath -m "$DIR")
CORPUS=$(realpath -m "$CORPUS")
# the set is large and downloaded: keep it out of the checkout
case "$DIR/" in "$REPO"/*) die "INKSEAL_INDEP_DIR ($DIR) must be outside the repository ($REPO)" ;; esac
mkdir -p "$DIR"

if [ "$GEN" = 1 ]; then
  [ -d "$CORPUS/art" ] || die "corpus not found at $CORPUS (needs art/): set INKSEAL_CORPUS_DIR"
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || die "DejaVu fonts are needed: apt-get install -y fonts-dejavu-core"
  missing=""
  for p in $PKGS; do [ -d "$DIR/pkgs/$p" ] || missing="$missing $p"; done
  if [ -n "$missing" ]; then
    # bench time only: tests never download
    command -v apt-get >/dev/null && command -v dpkg >/dev/null || die "apt-get and dpkg are needed to fetch:$missing"
    mkdir -p "$DIR/debs" "$DIR/pkgs"
    echo "downloading Debian packages into $DIR/debs:$missing" >&2
    (cd "$DIR/debs" && apt-get download $missing) || die "apt-get download failed (Debian 12 sources needed)"
    for p in $missing; do
      f=$(ls "$DIR/debs/${p}"_*.deb | head -1)
      # extract aside first: an interrupted run must not leave a half package that counts as present
      rm -rf "$DIR/pkgs/$p.part" && dpkg -x "$f" "$DIR/pkgs/$p.part" && mv "$DIR/pkgs/$p.part" "$DIR/pkgs/$p" \
        || die "could not extract $f"
    done
  fi
  # candidates.json is cached: the corpus check is slow and the package files do not change.
  # The corpus setting goes to collect.py only; the scanner keeps its own (or the caller's) setting.
  [ -f "$DIR/candidates.json" ] || INKSEAL_INDEP_DIR="$DIR" INKSEAL_CORPUS_DIR="$CORPUS" "$PY" "$HERE/collect.py"
  echo "generating the set in $DIR (log: $DIR/gen.log)" >&2
  INKSEAL_INDEP_DIR="$DIR" "$PY" "$HERE/gen.py" 2> "$DIR/gen.log" || { tail -5 "$DIR/gen.log" >&2; die "gen.py failed"; }
fi
[ -f "$DIR/manifest.json" ] || die "no generated set in $DIR: run without --no-gen first"

mkdir -p "$DIR/out"
cd "$REPO"
for part in pos neg; do
  echo "scanning $part" >&2
  npx tsx src/cli/scan.ts --gallery "$DIR/gallery" --json "$DIR/$part" > "$DIR/out/$part.jsonl" 2> "$DIR/out/$part.err" \
    || { tail -5 "$DIR/out/$part.err" >&2; die "scanner failed on $part"; }
  tail -1 "$DIR/out/$part.err" >&2
done
INKSEAL_INDEP_DIR="$DIR" "$PY" "$HERE/analyze.py" > "$DIR/out/results.md"
head -60 "$DIR/out/results.md"
echo "full report: $DIR/out/results.md (misses.json, false_matches.json beside it)" >&2
