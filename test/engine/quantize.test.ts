// Fingerprints as bytes: how far a stored vector may be from the analysed one, and that what the gallery
// holds comes back bit for bit from floats written out of it (a backup).
import { describe, expect, it } from 'vitest';
import { dequantize, dequantizeAll, dimOf, dotBytes, inverseCodeNorm, quantize, rowCount } from '../../src/engine/quantize';
import { cosine, gaussianSampler, seededRandom, syntheticEmbeddings } from '../../src/engine/vectors';

describe('quantize', () => {
  const gauss = gaussianSampler(seededRandom(7));
  // Signed (centred style descriptors) and non-negative, sparse (MobileNet features) rows, of two sizes.
  const signed = Array.from({ length: 50 }, () => Float32Array.from({ length: 1408 }, () => gauss() * 0.03));
  const embeddings = syntheticEmbeddings(400, 256, 3);

  it('keeps each row within half a step of its own scale, its largest component exact', () => {
    for (const rows of [signed, embeddings.vectors]) {
      const q = quantize(rows);
      expect(rowCount(q)).toBe(rows.length);
      expect(dimOf(q)).toBe(rows[0]!.length);
      rows.forEach((v, i) => {
        const back = dequantize(q, i);
        const s = q.scales[i]!;
        const max = Math.max(...Array.from(v, Math.abs));
        expect(s).toBeCloseTo(max / (q.codes instanceof Int8Array ? 127 : 255), 9);
        v.forEach((x, j) => expect(Math.abs(back[j]! - x)).toBeLessThanOrEqual(s / 2 + 1e-9));
        expect(Math.max(...Array.from(back, Math.abs))).toBeCloseTo(max, 6);
      });
    }
  });

  it('moves a cosine by 0.0025 at most and 0.0005 on average; a vector against itself stays above 0.999', () => {
    const q = quantize(embeddings.vectors);
    let worst = 0;
    let total = 0;
    let pairs = 0;
    for (let n = 0; n < 200; n++) {
      const query = embeddings.query(n % 2 === 0);
      for (let i = 0; i < embeddings.vectors.length; i += 3) {
        // As the index scores a stored row: the code row's cosine, whatever the scale.
        const stored = dotBytes(query, q.codes, i * 256) * inverseCodeNorm(q.codes, i * 256, 256) / Math.hypot(...query);
        const error = Math.abs(stored - cosine(query, embeddings.vectors[i]!));
        worst = Math.max(worst, error);
        total += error;
        pairs++;
      }
    }
    expect(worst).toBeLessThan(0.0025);
    expect(total / pairs).toBeLessThan(0.0005);
    embeddings.vectors.forEach((v, i) => expect(cosine(v, dequantize(q, i))).toBeGreaterThan(0.999));
  });

  it('gives back the same bytes from its own floats (what a backup holds)', () => {
    for (const rows of [signed, embeddings.vectors]) {
      const q = quantize(rows);
      const again = quantize(dequantizeAll(q).map((v) => Array.from(v)));
      expect(again.codes).toEqual(q.codes);
      expect(again.scales).toEqual(q.scales);
    }
  });

  it('uses all 256 levels for vectors without negative parts, and -127…127 otherwise', () => {
    const unsigned = quantize([Float32Array.of(0, 2, 1, 0.5)]);
    expect(unsigned.codes).toBeInstanceOf(Uint8Array);
    expect(Array.from(unsigned.codes)).toEqual([0, 255, 128, 64]);
    expect(unsigned.scales[0]).toBeCloseTo(2 / 255, 7);
    const signed = quantize([Float32Array.of(0, 2, 1, 0.5), Float32Array.of(0, -2, 1, 0)]);
    expect(signed.codes).toBeInstanceOf(Int8Array);
    expect(Array.from(signed.codes)).toEqual([0, 127, 64, 32, 0, -127, 64, 0]);
  });

  it('keeps a zero row zero and refuses what no row can be', () => {
    const q = quantize([new Float32Array(4), Float32Array.of(0, -2, 1, 0)]);
    expect(Array.from(q.codes)).toEqual([0, 0, 0, 0, 0, -127, 64, 0]);
    expect(q.scales[0]).toBe(0);
    expect(inverseCodeNorm(q.codes, 0, 4)).toBe(0);
    expect(quantize([])).toEqual({ codes: new Uint8Array(0), scales: new Float32Array(0) });
    expect(() => quantize([[1, 2], [1]])).toThrow(RangeError);
    expect(() => quantize([[1, Number.NaN]])).toThrow(RangeError);
    expect(() => dequantize(q, 2)).toThrow(RangeError);
  });
});
