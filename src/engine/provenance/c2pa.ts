// A C2PA manifest store read and checked: every manifest's claim signature and assertion hashes, and the active
// (last) manifest's hard binding to the file. What the manifests declare — digital source types, AI-generation
// actions, the claim generator — is reported with the verdict on their integrity; the caller lets only a "valid"
// store speak for the picture. Pure apart from WebCrypto.
import type { Budget } from './budget';
import { bytesOf, decodeCbor, isMap, text, type CborMap } from './cbor';
import { verifyClaimSignature, type Validity } from './cose';
import { checkBinding, digest, sameBytes } from './binding';
import { child, firstContent, parseJumbf, type JumbfBox } from './jumbf';

export interface C2paReport {
  present: true;
  /** 'valid': signatures, assertion hashes and the binding to these bytes all check (signer trust not judged). */
  valid: Validity;
  /** Why the store is not 'valid'. */
  problems: string[];
  container: string;
  /** IPTC digital source types declared in c2pa.actions, short form ("trainedAlgorithmicMedia"), active manifest first. */
  digitalSourceTypes: string[];
  /** Action descriptions that declare AI generation (C2PA 1.x generators such as Bing Image Creator wrote no source type). */
  aiActionDescriptions: string[];
  /** The active manifest's claim_generator, or its claim_generator_info names joined. */
  claimGenerator: string | null;
  claimGeneratorInfo: string[];
  /** Subject (O / CN) of the active manifest's signing certificate. */
  signer: string | null;
  /** Every manifest in the store, the active one first, with what it declares. */
  manifests: ManifestSummary[];
}

export interface ManifestSummary {
  label: string;
  claimGenerator: string | null;
  claimGeneratorInfo: string[];
  signer: string | null;
  digitalSourceTypes: string[];
}

const MAX_MANIFESTS = 16;
const MAX_ASSERTIONS = 256;
const AI_DESCRIPTION = /\bAI[- ]generated\b/i;

const rank: Record<Validity, number> = { valid: 0, unverified: 1, invalid: 2 };
const worse = (a: Validity, b: Validity): Validity => (rank[a] >= rank[b] ? a : b);

interface Manifest { box: JumbfBox; claim: CborMap; claimBytes: Uint8Array }

export async function readC2pa(store: Uint8Array, container: string, file: Uint8Array, complete: boolean, budget: Budget): Promise<C2paReport> {
  const report: C2paReport = {
    present: true, valid: 'valid', problems: [], container, digitalSourceTypes: [], aiActionDescriptions: [],
    claimGenerator: null, claimGeneratorInfo: [], signer: null, manifests: [],
  };
  const fail = (status: Validity, problem: string) => {
    report.valid = worse(report.valid, status);
    if (!report.problems.includes(problem)) report.problems.push(problem);
  };
  budget.scanned(store.length);
  const root = parseJumbf(store, budget);
  const boxes = root?.label === 'c2pa' ? root.children.slice(-MAX_MANIFESTS) : [];
  if (boxes.length === 0) {
    fail('invalid', 'unreadable manifest store');
    return report;
  }
  // The active manifest is the last; ingredients' manifests come before it.
  for (const [k, box] of [...boxes].reverse().entries()) {
    if (!budget.timeLeft()) { fail('unverified', 'time limit reached'); break; }
    const manifest = claimOf(box);
    if (!manifest) { fail('invalid', `${box.label}: no readable claim`); continue; }
    const active = k === 0;
    const sigBox = child(box, 'c2pa.signature');
    const sig = sigBox && firstContent(sigBox, 'cbor');
    const signature = sig ? await verifyClaimSignature(sig, manifest.claimBytes) : { status: 'invalid' as const, reason: 'no signature' };
    if (signature.status !== 'valid') fail(signature.status, `${box.label}: ${signature.reason}`);
    const assertions = await checkedAssertions(manifest, boxes, (s, p) => fail(s, `${box.label}: ${p}`));
    const summary: ManifestSummary = { label: box.label, ...generatorOf(manifest.claim), signer: signature.signer ?? null, digitalSourceTypes: [] };
    report.manifests.push(summary);
    readActions(assertions, summary, report);
    if (!active) continue;
    Object.assign(report, { signer: summary.signer, claimGenerator: summary.claimGenerator, claimGeneratorInfo: summary.claimGeneratorInfo });
    const binding = [...assertions].find(([label]) => /^c2pa\.hash\.(data|boxes|bmff)/.test(label));
    if (!binding) fail('invalid', `${box.label}: no hard binding`);
    else {
      const check = await checkBinding(binding[0], binding[1], text(manifest.claim['alg']), file, complete, budget);
      if (check.status !== 'valid') fail(check.status, `${box.label}: ${check.reason}`);
    }
  }
  return report;
}

function claimOf(box: JumbfBox): Manifest | null {
  const claimBox = child(box, 'c2pa.claim.v2') ?? child(box, 'c2pa.claim');
  const claimBytes = claimBox && firstContent(claimBox, 'cbor');
  if (!claimBytes) return null;
  try {
    const claim = decodeCbor(claimBytes);
    return isMap(claim) ? { box, claim, claimBytes } : null;
  } catch {
    return null;
  }
}

/**
 * The claim's assertions whose hashed URIs match, decoded (CBOR ones; JSON and binary assertions are only
 * hash-checked). An assertion that is missing or altered makes the manifest invalid.
 */
async function checkedAssertions(m: Manifest, store: JumbfBox[], fail: (s: Validity, p: string) => void): Promise<Map<string, CborMap>> {
  const out = new Map<string, CborMap>();
  const refs = ['assertions', 'created_assertions', 'gathered_assertions']
    .flatMap((key) => (Array.isArray(m.claim[key]) ? m.claim[key] : [])).filter(isMap).slice(0, MAX_ASSERTIONS);
  for (const ref of refs) {
    const url = text(ref['url']) ?? '';
    const box = resolve(url, m.box, store);
    const expected = bytesOf(ref['hash']);
    if (!box || !expected) { fail('invalid', `assertion missing: ${url}`); continue; }
    const hash = await digest(text(ref['alg']) ?? text(m.claim['alg']), box.body);
    if (!hash) { fail('unverified', `hash algorithm not supported for ${box.label}`); continue; }
    if (!sameBytes(hash, expected)) { fail('invalid', `assertion altered: ${box.label}`); continue; }
    const cbor = firstContent(box, 'cbor');
    try {
      const value = cbor && decodeCbor(cbor);
      if (isMap(value)) out.set(box.label, value);
    } catch {
      fail('invalid', `assertion unreadable: ${box.label}`);
    }
  }
  return out;
}

/** A hashed URI ("self#jumbf=c2pa.assertions/x", or absolute "self#jumbf=/c2pa/<manifest>/c2pa.assertions/x"). */
function resolve(url: string, manifest: JumbfBox, store: JumbfBox[]): JumbfBox | undefined {
  const path = url.replace(/^self#jumbf=/, '').replace(/^\//, '').split('/');
  let from = manifest;
  if (path[0] === 'c2pa') {
    const named = store.find((b) => b.label === path[1]);
    if (!named) return undefined;
    from = named;
    path.splice(0, 2);
  }
  let box: JumbfBox | undefined = from;
  for (const label of path) box = box && child(box, label);
  return box;
}

/** The last path segment of an IPTC digital source type URI ("…/digitalsourcetype/trainedAlgorithmicMedia"). */
export const shortSourceType = (uri: string): string => uri.trim().replace(/\/+$/, '').split('/').pop() ?? '';

function readActions(assertions: Map<string, CborMap>, summary: ManifestSummary, report: C2paReport): void {
  for (const [label, value] of assertions) {
    if (!label.startsWith('c2pa.actions')) continue;
    for (const action of (Array.isArray(value['actions']) ? value['actions'] : []).filter(isMap)) {
      const dst = text(action['digitalSourceType']);
      const type = dst && shortSourceType(dst);
      if (type && !summary.digitalSourceTypes.includes(type)) summary.digitalSourceTypes.push(type);
      if (type && !report.digitalSourceTypes.includes(type)) report.digitalSourceTypes.push(type);
      const params = isMap(action['parameters']) ? action['parameters'] : {};
      const description = text(action['description']) ?? text(params['description']);
      if (description && AI_DESCRIPTION.test(description) && !report.aiActionDescriptions.includes(description)) {
        report.aiActionDescriptions.push(description);
      }
    }
  }
}

/** claim_generator (C2PA 1.x) or the claim_generator_info names (a list in 1.x, one map in 2.x). */
function generatorOf(claim: CborMap): { claimGenerator: string | null; claimGeneratorInfo: string[] } {
  const info = claim['claim_generator_info'];
  const names = (Array.isArray(info) ? info : [info]).filter(isMap).map((e) => text(e['name'])).filter((n): n is string => !!n);
  return { claimGenerator: text(claim['claim_generator']) ?? (names.join(' ') || null), claimGeneratorInfo: names };
}
