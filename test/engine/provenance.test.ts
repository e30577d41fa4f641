// Provenance from a picture's bytes: every file of ../corpus/c2pa against its manifest.json ground truth, files
// tampered with after signing, metadata written here in the formats the readers take, and hostile inputs that
// must come back as a result within the limits (asserted on the returned counters, never on time).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zlibSync } from 'fflate';
import sharp from 'sharp';
import { describe, expect, it, test } from 'vitest';
import { readProvenance, type Provenance } from '../../src/engine/provenance/index';
import { LIMITS } from '../../src/engine/provenance/budget';
import { corpusDir } from '../support/data';

const DIR = join(corpusDir(), 'c2pa');

interface Truth {
  has_c2pa_manifest: boolean;
  c2pa_digitalSourceType?: string[];
  c2pa_claim_generator?: string;
  c2pa_claim_generator_info_names?: string[] | null;
  ai_generated_per_metadata: boolean;
  ai_evidence_fields?: string[];
}
interface Entry { file: string; description: string; ground_truth: Truth }

const corpus = (JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as { files: Entry[] }).files;
const bytesOf = (file: string) => new Uint8Array(readFileSync(join(DIR, file)));
const INVALID = /signature invalid|hash mismatch/;

/** Decoded RGBA, full size: stealth pnginfo lives in the alpha channel's low bits. */
async function pixels(bytes: Uint8Array) {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: info.channels };
}

/**
 * The ground truth's generator strings came from a byte-level scan of the CBOR, which kept the next CBOR head
 * and key ("…c2pa-rs/0.32.7tclaim_generator_info", "…isignaturex"); a bare "info" is what it found in 2.x claims,
 * which have no claim_generator. What remains is the generator as written.
 */
const cleanGenerator = (g: string | undefined) => g?.replace(/(t?claim_generator_info|isignaturex?)$/, '');

/** The evidence source each ground-truth evidence line names. */
const SOURCE_OF: [RegExp, string][] = [[/^c2pa/, 'c2pa'], [/^PNG tEXt/, 'png-text'], [/^EXIF/, 'exif'], [/stealth/, 'stealth']];

describe('every file of the c2pa corpus agrees with manifest.json', () => {
  test.each(corpus.map((e) => [e.file, e] as const))('%s', async (file, entry) => {
    const bytes = bytesOf(file);
    const truth = entry.ground_truth;
    const p = await readProvenance(bytes, { pixels: await pixels(bytes) });

    expect(p.ai, JSON.stringify(p.evidence)).toBe(truth.ai_generated_per_metadata);
    expect(p.c2pa?.present ?? false).toBe(truth.has_c2pa_manifest);
    if (truth.has_c2pa_manifest) {
      const c2pa = p.c2pa!;
      expect([...c2pa.digitalSourceTypes].sort()).toEqual([...(truth.c2pa_digitalSourceType ?? [])].sort());
      const generator = cleanGenerator(truth.c2pa_claim_generator);
      if (generator && generator !== 'info') expect(c2pa.manifests.map((m) => m.claimGenerator)).toContain(generator);
      const infoName = truth.c2pa_claim_generator_info_names?.[0];
      if (infoName) expect(infoName.startsWith(c2pa.claimGeneratorInfo[0] ?? '\u0000')).toBe(true);
      // The corpus's tampered files are invalid; every other manifest in it checks out.
      expect(c2pa.valid, c2pa.problems.join('; ')).toBe(INVALID.test(entry.description) ? 'invalid' : 'valid');
    }
    const declaring = new Set(p.evidence.filter((e) => e.declaresAi).map((e) => e.source));
    for (const field of truth.ai_evidence_fields ?? []) {
      const source = SOURCE_OF.find(([re]) => re.test(field))?.[1];
      expect(declaring, field).toContain(source);
    }
    expect(p.errors).toBeUndefined();
  });

  it('reports an invalid manifest\'s declarations without believing them', async () => {
    const ai = corpus.filter((e) => e.ground_truth.ai_generated_per_metadata).length;
    expect(ai).toBeGreaterThan(0);
    for (const e of corpus.filter((x) => INVALID.test(x.description))) {
      const p = await readProvenance(bytesOf(e.file));
      expect(p.c2pa!.valid).toBe('invalid');
      expect(p.ai).toBe(false);
      expect(p.c2pa!.problems.length).toBeGreaterThan(0);
    }
  });

  it('does not read stealth pnginfo without pixels (it lives in them, not in a chunk)', async () => {
    expect((await readProvenance(bytesOf('sd-parsers__automatic1111_stealth.png'))).ai).toBe(false);
  });
});

/** The first offset of an ASCII string in bytes. */
function offsetOf(b: Uint8Array, s: string): number {
  const i = Buffer.from(b.buffer, b.byteOffset, b.length).indexOf(s, 0, 'latin1');
  if (i < 0) throw new Error(`${s} not found`);
  return i;
}

function flipped(b: Uint8Array, at: number): Uint8Array {
  const out = b.slice();
  out[at]! ^= 0x01;
  return out;
}

describe('an AI declaration in a C2PA manifest changed after signing is not believed', () => {
  const cases: [string, string, (b: Uint8Array) => Uint8Array, RegExp][] = [
    ['a pixel byte (data hash)', 'c2pa-rs__ocsp.jpg', (b) => flipped(b, b.length - 100), /data hash/],
    ['a pixel byte (JPEG box hash)', 'c2pa-extension-validator__bing_creator_cloud_surfing_puppy.jpg', (b) => flipped(b, b.length - 100), /box hash/],
    ['the claim (signature)', 'c2pa-rs__ocsp.jpg', (b) => flipped(b, offsetOf(b, 'Adobe_Photoshop/26') + 2), /signature/],
    ['the actions assertion', 'c2pa-extension-validator__DALL-E_cloud_surfing_puppy.webp', (b) => flipped(b, offsetOf(b, 'trainedAlgorithmicMedia') + 3), /assertion altered/],
  ];
  test.each(cases)('%s', async (_, file, tamper, problem) => {
    expect((await readProvenance(bytesOf(file))).ai).toBe(true);
    const p = await readProvenance(tamper(bytesOf(file)));
    expect(p.c2pa!.valid).toBe('invalid');
    expect(p.c2pa!.problems.join('; ')).toMatch(problem);
    expect(p.ai).toBe(false);
    expect(p.evidence.some((e) => e.declaresAi)).toBe(false);
  });

  it('a store that runs out of time is unverified, not AI', async () => {
    const p = await readProvenance(bytesOf('c2pa-rs__ocsp.jpg'), { maxMs: 0 });
    expect(p.c2pa!.valid).toBe('unverified');
    expect(p.ai).toBe(false);
  });

  it('a file longer than the byte limit cannot be bound to its manifest, so it is not AI', async () => {
    const b = bytesOf('c2pa-ts__amazon-titan-g1.png');
    const p = await readProvenance(b, { maxBytes: b.length - 1 });
    expect(p.ai).toBe(false);
    expect(p.errors).toContain('file read only up to the byte limit');
  });
});

// ---- Files written here: the readers' formats, small enough to read in the test. ----

const ascii = (s: string) => new TextEncoder().encode(s);
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const join8 = (...parts: (Uint8Array | number[])[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};

/** An ISO BMFF / JUMBF box: 32-bit size, type, body. */
const box = (type: string, data: Uint8Array) => join8(u32(8 + data.length), ascii(type), data);

/** A 1x1 PNG with extra chunks before IEND (CRCs are zero: the reader does not need them). */
function png(...chunks: [string, Uint8Array][]): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => join8(u32(data.length), ascii(type), data, [0, 0, 0, 0]);
  const ihdr = new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
  return join8([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], chunk('IHDR', ihdr), ...chunks.map(([t, d]) => chunk(t, d)), chunk('IEND', new Uint8Array()));
}
const itxt = (keyword: string, text: Uint8Array, compressed = false) =>
  ['iTXt', join8(ascii(keyword), [0, compressed ? 1 : 0, 0, 0, 0], compressed ? zlibSync(text) : text)] as [string, Uint8Array];
const ztxt = (keyword: string, text: Uint8Array) => ['zTXt', join8(ascii(keyword), [0, 0], zlibSync(text))] as [string, Uint8Array];

/** SOI, an APP1 XMP segment, EOI: a JPEG as far as metadata goes. */
function jpegWithXmp(xmp: string): Uint8Array {
  const body = join8(ascii('http://ns.adobe.com/xap/1.0/\0'), ascii(xmp));
  return join8([0xff, 0xd8, 0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 255], body, [0xff, 0xd9]);
}

const xmpPacket = (description: string) => `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">${description}</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

describe('declarations in XMP', () => {
  const TC260 = 'xmlns:TC260="http://www.tc260.org.cn/ns/AIGC/1.0/"';
  const label = (l: string) => `{"Label":"${l}","ContentProducer":"001191110108MA01KP2T5U00000","ProduceID":"20250901-abc","ReservedCode1":"","ContentPropagator":"","PropagateID":"","ReservedCode2":""}`;
  const escaped = (s: string) => s.replace(/"/g, '&quot;');

  it('reads the GB 45438-2025 implicit label (TC260 AIGC) as an attribute, Label 1 = AI-generated', async () => {
    const p = await readProvenance(jpegWithXmp(xmpPacket(`<rdf:Description rdf:about="" ${TC260} TC260:AIGC="${escaped(label('1'))}"/>`)));
    expect(p.ai).toBe(true);
    expect(p.tc260).toMatchObject({ Label: '1', ContentProducer: '001191110108MA01KP2T5U00000', ProduceID: '20250901-abc' });
    expect(p.evidence).toContainEqual(expect.objectContaining({ source: 'tc260', declaresAi: true, generator: '001191110108MA01KP2T5U00000' }));
  });

  it('reads it as an element under any prefix, and records Label 2 ("possibly") without calling it AI', async () => {
    const xmp = xmpPacket(`<rdf:Description rdf:about="" xmlns:aigc="http://www.tc260.org.cn/ns/AIGC/1.0/"><aigc:AIGC>${escaped(label('2'))}</aigc:AIGC></rdf:Description>`);
    const p = await readProvenance(png(itxt('XML:com.adobe.xmp', ascii(xmp))));
    expect(p.tc260?.Label).toBe('2');
    expect(p.evidence).toEqual([expect.objectContaining({ source: 'tc260', declaresAi: false })]);
    expect(p.ai).toBe(false);
  });

  test.each([
    ['trainedAlgorithmicMedia', true],
    ['compositeWithTrainedAlgorithmicMedia', true],
    ['algorithmicMedia', false],
    ['digitalCapture', false],
  ])('IPTC DigitalSourceType %s → AI %s', async (type, ai) => {
    const uri = `http://cv.iptc.org/newscodes/digitalsourcetype/${type}`;
    const forms = [
      `<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" Iptc4xmpExt:DigitalSourceType="${uri}"/>`,
      `<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"><Iptc4xmpExt:DigitalSourceType>${uri}</Iptc4xmpExt:DigitalSourceType></rdf:Description>`,
      `<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"><Iptc4xmpExt:DigitalSourceType rdf:resource="${uri}"/></rdf:Description>`,
    ];
    for (const form of forms) {
      const p = await readProvenance(jpegWithXmp(xmpPacket(form)));
      expect(p.evidence).toEqual([expect.objectContaining({ source: 'iptc', value: type, declaresAi: ai })]);
      expect(p.ai).toBe(ai);
    }
  });

  it('counts a generator named in CreatorTool, not a camera or an editor', async () => {
    const tool = (t: string) => jpegWithXmp(xmpPacket(`<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="${t}"/>`));
    expect((await readProvenance(tool('Midjourney v6'))).ai).toBe(true);
    expect((await readProvenance(tool('Adobe Photoshop 25.0 (Windows)'))).ai).toBe(false);
    expect((await readProvenance(tool('NIKON Z 9 Ver.T2.10'))).ai).toBe(false);
  });

  it('reads XMP and compressed generator text from WebP and from compressed iTXt', async () => {
    const xmp = xmpPacket(`<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" Iptc4xmpExt:DigitalSourceType="http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"/>`);
    const webp = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).webp().withXmp(xmp).toBuffer();
    expect((await readProvenance(new Uint8Array(webp))).ai).toBe(true);
    const infotext = 'a fox\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512';
    const p = await readProvenance(png(itxt('parameters', ascii(infotext), true)));
    expect(p.evidence).toEqual([expect.objectContaining({ source: 'png-text', field: 'iTXt parameters', generator: 'AUTOMATIC1111/Forge', declaresAi: true })]);
  });

  it('reads XMP from AVIF/HEIF files, in an XMP uuid box or as an item inside the meta box', async () => {
    const xmp = ascii(xmpPacket(`<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" Iptc4xmpExt:DigitalSourceType="http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"/>`));
    const ftyp = box('ftyp', join8(ascii('avif'), [0, 0, 0, 0], ascii('avifmif1')));
    const xmpUuid = new Uint8Array([0xbe, 0x7a, 0xcf, 0xcb, 0x97, 0xa9, 0x42, 0xe8, 0x9c, 0x71, 0x99, 0x94, 0x91, 0xe3, 0xaf, 0xac]);
    for (const file of [join8(ftyp, box('uuid', join8(xmpUuid, xmp))), join8(ftyp, box('meta', join8([0, 0, 0, 0], xmp)), box('mdat', new Uint8Array(64)))]) {
      const p = await readProvenance(file);
      expect(p.format).toBe('bmff');
      expect(p.ai).toBe(true);
    }
  });

  it('does not take an unrelated tool\'s "prompt" or "parameters" chunk for a generator', async () => {
    const p = await readProvenance(png(['tEXt', join8(ascii('prompt'), [0], ascii('{"text": "hello"}'))], ['tEXt', join8(ascii('parameters'), [0], ascii('quality=90'))]));
    expect(p.ai).toBe(false);
    expect(p.evidence).toEqual([]);
  });
});

// ---- Hostile inputs: a result every time, with the work held to the limits. ----

const within = (p: Provenance) => {
  expect(p.stats.bytesInflated).toBeLessThanOrEqual(LIMITS.maxInflateTotal);
  expect(p.stats.jumbfDepth).toBeLessThanOrEqual(LIMITS.maxJumbfDepth);
  expect(p.stats.boxes).toBeLessThanOrEqual(LIMITS.maxBoxes);
};

/** A JUMBF superbox: jumb( jumd(uuid, toggles, label), ...content ). */
function superbox(label: string, ...content: Uint8Array[]): Uint8Array {
  const jumdBody = join8(ascii('c2pa'), new Uint8Array(12), [0x03], ascii(`${label}\0`));
  const jumd = join8(u32(8 + jumdBody.length), ascii('jumd'), jumdBody);
  const body = join8(jumd, ...content);
  return join8(u32(8 + body.length), ascii('jumb'), body);
}

describe('hostile inputs', () => {
  it('truncated files of every format come back as results, and a cut C2PA file is never AI', async () => {
    for (const e of corpus) {
      const b = bytesOf(e.file);
      const c2paOnly = e.ground_truth.has_c2pa_manifest;
      for (const cut of [0, 3, 16, 200, 1000, Math.floor(b.length / 2), b.length - 1]) {
        const p = await readProvenance(b.subarray(0, cut));
        within(p);
        if (c2paOnly) expect(p.ai, `${e.file} cut at ${cut}`).toBe(false);
      }
    }
  });

  it('stops inflating a zTXt/iTXt bomb at the per-chunk and total limits', async () => {
    const zeros = new Uint8Array(12 * 1024 * 1024);
    const bomb = ztxt('Comment', zeros);
    expect(bomb[1].length).toBeLessThan(64 * 1024);
    const p = await readProvenance(png(...Array.from({ length: 8 }, () => bomb), itxt('Comment', zeros, true)));
    within(p);
    expect(p.stats.bytesInflated).toBeGreaterThan(0);
    expect(p.errors).toContain('compressed text cut at the inflate limit');
    expect(p.errors).toContain('inflate limit reached');
  });

  it('still reads the generator at the head of a compressed chunk padded into a bomb', async () => {
    const text = join8(ascii('a fox\nSteps: 20, Sampler: Euler a, CFG scale: 7\n'), new Uint8Array(8 * 1024 * 1024).fill(0x20));
    const p = await readProvenance(png(ztxt('parameters', text)));
    within(p);
    expect(p.stats.bytesInflated).toBeLessThanOrEqual(LIMITS.maxInflatePerChunk);
    expect(p.ai).toBe(true);
  });

  it('cuts a huge XMP packet at the XMP limit and scans it in one pass', async () => {
    const head = xmpPacket(`<rdf:Description rdf:about="" xmlns:TC260="http://www.tc260.org.cn/ns/AIGC/1.0/" TC260:AIGC="{&quot;Label&quot;:&quot;1&quot;}"/>`).replace('</rdf:RDF></x:xmpmeta><?xpacket end="w"?>', '');
    // Openings that never close, the pattern that makes a naive regular expression quadratic.
    const filler = '<Iptc4xmpExt:DigitalSourceType '.repeat(Math.ceil((6 * 1024 * 1024) / 31));
    const p = await readProvenance(png(itxt('XML:com.adobe.xmp', ascii(head + filler))));
    within(p);
    expect(p.errors).toContain('XMP cut at the size limit');
    expect(p.stats.bytesScanned).toBeLessThan(LIMITS.maxXmpBytes + 64 * 1024);
    expect(p.ai).toBe(true); // the label at the head is still read
    expect(p.evidence.filter((e) => e.source === 'iptc')).toEqual([]);
  });

  it('stops descending into JUMBF nested 100,000 deep', async () => {
    const levels = 100_000;
    const jumd = superbox('c2pa').subarray(8); // the description box alone
    const size = (k: number) => (levels - k) * (8 + jumd.length);
    const store = new Uint8Array(size(0));
    for (let k = 0, at = 0; k < levels; k++, at += 8 + jumd.length) {
      store.set(u32(size(k)), at);
      store.set(ascii('jumb'), at + 4);
      store.set(jumd, at + 8);
    }
    const p = await readProvenance(png(['caBX', store]));
    within(p);
    expect(p.stats.jumbfDepth).toBe(LIMITS.maxJumbfDepth);
    expect(p.errors).toContain('JUMBF nested too deep');
    expect(p.c2pa!.valid).toBe('invalid');
    expect(p.ai).toBe(false);
  });

  it('survives lying lengths in PNG chunks, JUMBF boxes and CBOR', async () => {
    // A chunk claiming 4 GB.
    const lyingChunk = join8(png().subarray(0, 33), u32(0xfffffff0), ascii('tEXt'), ascii('parameters\0x'));
    // A claim whose CBOR byte string claims 2^64-1 bytes, in a JUMBF box claiming more than its parent holds.
    const claim = superbox('c2pa.claim', box('cbor', new Uint8Array([0xa1, 0x61, 0x61, 0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])));
    const manifest = superbox('urn:uuid:1', superbox('c2pa.assertions'), claim, join8(u32(0x7fffffff), ascii('jumb')));
    for (const file of [lyingChunk, png(['caBX', superbox('c2pa', manifest)])]) {
      const p = await readProvenance(file);
      within(p);
      expect(p.ai).toBe(false);
      expect(p.errors?.length ?? 0).toBeGreaterThan(0);
    }
    const p = await readProvenance(png(['caBX', superbox('c2pa', manifest)]));
    expect(p.c2pa).toMatchObject({ present: true, valid: 'invalid' });
  });

  it('stops walking after the box limit', async () => {
    const many = Array.from({ length: LIMITS.maxBoxes + 5000 }, () => ['abCd', new Uint8Array()] as [string, Uint8Array]);
    const p = await readProvenance(png(...many, ['tEXt', join8(ascii('Software'), [0], ascii('NovelAI'))]));
    within(p);
    expect(p.errors).toContain('too many boxes');
  });

  it('gives an empty result for bytes that are no image', async () => {
    const p = await readProvenance(new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256));
    expect(p).toMatchObject({ ai: false, format: 'unknown', evidence: [] });
  });
});
