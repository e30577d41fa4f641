#!/usr/bin/python3
"""Step 3 of the independent repost evaluation (npm run bench:indep): score the scanner's JSON lines
(out/pos.jsonl, out/neg.jsonl in $INKSEAL_INDEP_DIR) against manifest.json; prints a markdown report, writes
out/misses.json and out/false_matches.json.

Independently written generator and scorer: its author never read test/bench/families.ts. It is a second opinion
beside bench:quality, not a replacement for it."""
import collections, json, os, sys

# work folder outside the repository; the scanner reports absolute query paths inside it
ROOT = os.path.abspath(os.path.expanduser(os.environ.get('INKSEAL_INDEP_DIR') or '~/.cache/inkseal-indep'))
for f in ('manifest.json', 'sources.json', 'out/pos.jsonl', 'out/neg.jsonl'):
    if not os.path.exists(os.path.join(ROOT, f)): sys.exit(f'missing {os.path.join(ROOT, f)}: run test/bench/indep/run.sh')
man = json.load(open(os.path.join(ROOT, 'manifest.json')))


def rows(name):
    out = []
    for line in open(os.path.join(ROOT, 'out', name)):
        line = line.strip()
        if line.startswith('{'): out.append(json.loads(line))
    return out


def rel(p):
    q = os.path.relpath(p, ROOT)
    # a work folder reached through a symlink may come back resolved
    return q if not q.startswith('..') else os.path.relpath(os.path.realpath(p), os.path.realpath(ROOT))


pos, neg = rows('pos.jsonl'), rows('neg.jsonl')
kind_of = {os.path.basename(s['file']): s['kind'] for s in json.load(open(os.path.join(ROOT, 'sources.json')))['gallery']}
fam = collections.OrderedDict()
misses, found_scores = [], []
by_kind = collections.defaultdict(lambda: [0, 0])
for r in pos:
    q = rel(r['query']); m = man.get(q)
    if m is None: continue
    f = fam.setdefault(m['family'], dict(n=0, hit=0, copy=0, edit=0, wrong=0, style=0, none=0, err=0, scores=[]))
    f['n'] += 1
    if 'error' in r:
        f['err'] += 1; misses.append(dict(file=q, family=m['family'], work=m['work'], error=r['error'], params=m['params'])); continue
    right = r['work'] is not None and os.path.basename(r['work']) == m['work']
    ok = r['verdict'] in ('copy', 'edit') and right
    by_kind[kind_of.get(m['work'], '?')][0] += 1
    if ok:
        f['hit'] += 1; f[r['verdict']] += 1; f['scores'].append(r['score']); found_scores.append((r['score'], q))
        by_kind[kind_of.get(m['work'], '?')][1] += 1
    else:
        if r['verdict'] in ('copy', 'edit'): f['wrong'] += 1
        else: f[r['verdict']] += 1
        misses.append(dict(file=q, family=m['family'], work=m['work'], verdict=r['verdict'], score=r['score'],
                           pointed_to=os.path.basename(r['work']) if r['work'] else None, transform=r['transform'],
                           signals=r['signals'], params=m['params']))
if not fam:
    sys.exit(f'no line of out/pos.jsonl names a file of {ROOT}/manifest.json: was this folder the one scanned?')
falses, neg_scores = [], []
negfam = collections.Counter(); negfalse = collections.Counter(); negverd = collections.Counter()
for r in neg:
    q = rel(r['query']); m = man.get(q, {})
    if 'error' in r: continue
    negfam[m.get('family', '?')] += 1; negverd[r['verdict']] += 1
    neg_scores.append((r['score'], q, r['verdict'], os.path.basename(r['work']) if r['work'] else None))
    if r['verdict'] in ('copy', 'edit'):
        negfalse[m.get('family', '?')] += 1
        falses.append(dict(file=q, verdict=r['verdict'], score=r['score'], work=os.path.basename(r['work']) if r['work'] else None,
                           transform=r['transform'], signals=r['signals'], family=m.get('family'), params=m.get('params')))

print('## Per-family recall (positives)\n')
print('| family | n | found | recall | copy | edit | wrong work | style | none | min score found |')
print('|---|---|---|---|---|---|---|---|---|---|')
tn = th = 0
for k, f in sorted(fam.items(), key=lambda kv: kv[1]['hit'] / kv[1]['n']):
    tn += f['n']; th += f['hit']
    print(f"| {k} | {f['n']} | {f['hit']} | {f['hit'] / f['n']:.0%} | {f['copy']} | {f['edit']} | {f['wrong']} | {f['style']} | {f['none']} | "
          f"{min(f['scores']) if f['scores'] else '-'} |")
print(f'| **all** | {tn} | {th} | {th / tn:.1%} | | | | | | |\n')
print('Recall by kind of work: ' + ', '.join(f'{k} {h}/{n} ({h / n:.0%})' for k, (n, h) in sorted(by_kind.items())) + '\n')
print(f'## Negatives\n\n{len(neg_scores)} scanned (' + ', '.join(f'{k}: {v}' for k, v in sorted(negfam.items())) + ')')
print('verdicts: ' + ', '.join(f'{k} {v}' for k, v in negverd.most_common()) + '\n')
print(f'False matches (copy/edit on a negative): **{len(falses)}**\n')
for x in falses:
    print(f"- `{x['file']}` {x['verdict']} score {x['score']} -> {x['work']} (transform {x['transform']}, signals {x['signals']})")
neg_scores.sort(reverse=True); found_scores.sort()
print('\n## Score margin\n')
if found_scores and neg_scores:
    lo, hi = found_scores[0], neg_scores[0]
    print(f'lowest score among found positives: {lo[0]} (`{lo[1]}`)  ')
    print(f'highest score among negatives: {hi[0]} (`{hi[1]}`, verdict {hi[2]}, work {hi[3]})  ')
    print(f'margin: {lo[0] - hi[0]:+.3f}\n')
    print('top negative scores: ' + ', '.join(f'{s} ({v}, `{os.path.basename(q)}`)' for s, q, v, w in neg_scores[:8]))
    print('\nlowest found-positive scores: ' + ', '.join(f'{s} (`{q}`)' for s, q in found_scores[:8]))
    # how many found positives sit at or below the top negatives
    for t in sorted({s for s, *_ in neg_scores[:5]}, reverse=True):
        print(f'\n- found positives with score <= {t}: {sum(1 for s, _ in found_scores if s <= t)}', end='')
    print()
print(f'\n## Misses ({len(misses)})\n')
print('| file | verdict | score | pointed to | transform | hash/global/regional | params |')
print('|---|---|---|---|---|---|---|')
for x in sorted(misses, key=lambda x: (x['family'], x['file'])):
    s = x.get('signals') or {}
    print(f"| `{x['file']}` | {x.get('verdict', 'error')} | {x.get('score', '-')} | {x.get('pointed_to') or '-'} | {x.get('transform') or '-'} | "
          f"{s.get('hash', '-')}/{s.get('global', '-')}/{s.get('regional', '-')} | {json.dumps(x['params'])} |")
json.dump(misses, open(os.path.join(ROOT, 'out', 'misses.json'), 'w'), indent=1)
json.dump(falses, open(os.path.join(ROOT, 'out', 'false_matches.json'), 'w'), indent=1)
