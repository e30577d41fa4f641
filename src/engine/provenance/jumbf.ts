// JUMBF (ISO/IEC 19566-5) superboxes, the container of a C2PA manifest store: each superbox is a description
// box (type UUID, label) followed by content boxes or more superboxes. Nesting depth and box count are capped
// by the budget; a box whose length runs past its parent ends the walk of that parent. Pure.
import { LIMITS, fourCC, nul, readUtf8, u32be, type Budget } from './budget';

export interface JumbfBox {
  label: string;
  /** Content type UUID, hex. */
  type: string;
  children: JumbfBox[];
  /** Content boxes in order, by box type ('cbor', 'json', 'bidb', 'c2sh', ...). */
  content: { box: string; data: Uint8Array }[];
  /** The superbox's bytes without its own header: what C2PA hashes for an assertion's hashed URI. */
  body: Uint8Array;
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Boxes laid end to end in `b`: [type, body] pairs, stopping at the first one that lies about its length. */
function* boxes(b: Uint8Array, budget: Budget): Generator<[string, Uint8Array]> {
  let i = 0;
  while (i + 8 <= b.length) {
    if (!budget.box()) return;
    let size = u32be(b, i);
    let header = 8;
    if (size === 1) {
      if (i + 16 > b.length) return;
      size = u32be(b, i + 8) * 2 ** 32 + u32be(b, i + 12);
      header = 16;
    } else if (size === 0) size = b.length - i;
    if (size < header || i + size > b.length) {
      budget.note('JUMBF box length past its container');
      return;
    }
    yield [fourCC(b, i + 4), b.subarray(i + header, i + size)];
    i += size;
  }
}

/** The first superbox in `b` (a manifest store is one), or null. */
export function parseJumbf(b: Uint8Array, budget: Budget): JumbfBox | null {
  for (const [type, body] of boxes(b, budget)) return type === 'jumb' ? superbox(body, 1, budget) : null;
  return null;
}

function superbox(body: Uint8Array, depth: number, budget: Budget): JumbfBox | null {
  if (depth > LIMITS.maxJumbfDepth) {
    budget.note('JUMBF nested too deep');
    return null;
  }
  budget.stats.jumbfDepth = Math.max(budget.stats.jumbfDepth, depth);
  const out: JumbfBox = { label: '', type: '', children: [], content: [], body };
  let first = true;
  for (const [type, data] of boxes(body, budget)) {
    if (first) {
      if (type !== 'jumd' || data.length < 17) return null;
      out.type = hex(data.subarray(0, 16));
      if (data[16]! & 0x02) {
        const end = nul(data, 17);
        out.label = readUtf8(data.subarray(17, end < 0 ? data.length : end));
      }
      first = false;
    } else if (type === 'jumb') {
      const child = superbox(data, depth + 1, budget);
      if (child) out.children.push(child);
    } else out.content.push({ box: type, data });
  }
  return first ? null : out;
}

export const child = (box: JumbfBox, label: string): JumbfBox | undefined => box.children.find((c) => c.label === label);
export const firstContent = (box: JumbfBox, type: string): Uint8Array | undefined => box.content.find((c) => c.box === type)?.data;
