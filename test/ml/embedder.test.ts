// The embedder with the real MobileNet weights on the wasm backend, in Node.
import { beforeAll, describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { createEmbedder, type Embedder } from '../../src/ml/embedder';
import { fileModel } from '../../src/cli/model-io';
import { INPUT_SIZE, type Pixels } from '../../src/ml/preprocess';
import { dot, norm } from '../../src/engine/vectors';
import { corpusDir, modelDir } from '../support/data';

const ART = join(corpusDir(), 'art');
const FILES = readdirSync(ART).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort();
/** Works with no duplicate in the corpus (it holds a few byte-identical files and wallpaper re-cuts). */
const SAMPLES = ['art000_plasma_5120x2880.jpg', 'art002_ukui_fluent-color.jpg', 'art013_gnome_oceans.jpg',
  'art050_plasma_3840x2160.jpg', 'art060_openclipart_aussie_hat_01.png', 'art080_openclipart_chess_game_01.png',
  'art100_openclipart_sprint_cell_phone_joel_r.png', 'art130_openclipart_old_truck_indana_model__01.png'];

/** Any image file → the model's 224×224 RGB input (the embedder alone, without crops or hashes). */
async function decodeForModel(input: Buffer): Promise<Pixels> {
  const { data, info } = await sharp(input).flatten({ background: '#ffffff' })
    .resize(INPUT_SIZE, INPUT_SIZE, { fit: 'fill', kernel: 'linear' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 };
}

let embedder: Embedder;
const vectors = new Map<string, Float32Array>();

async function embedBuffer(buf: Buffer): Promise<Float32Array> {
  return (await embedder.embed([await decodeForModel(buf)]))[0]!;
}

beforeAll(async () => {
  embedder = await createEmbedder({ model: fileModel(modelDir()) });
  for (const f of FILES) vectors.set(f, await embedBuffer(readFileSync(join(ART, f))));
});

describe('embedder', () => {
  test('runs the real model on the wasm backend and returns 256-d unit vectors', async () => {
    expect(embedder.backend).toBe('wasm');
    const v = vectors.get(SAMPLES[0]!)!;
    expect(v).toBeInstanceOf(Float32Array);
    expect(v.length).toBe(256);
    expect(norm(v)).toBeCloseTo(1, 5);
    // Different works give different vectors (a constant output would pass the shape checks above).
    expect(dot(v, vectors.get(SAMPLES[1]!)!)).toBeLessThan(0.9);
  });

  test.each(SAMPLES)('%s is closer to its re-encoded and mirrored copies than to any other work', async (file) => {
    const original = readFileSync(join(ART, file));
    const meta = await sharp(original).metadata();
    const reencoded = await sharp(original).resize(Math.round(meta.width! / 2)).jpeg({ quality: 70 }).toBuffer();
    const mirrored = await sharp(original).flop().jpeg({ quality: 85 }).toBuffer();
    const v = vectors.get(file)!;
    const bytes = original.toString('base64');
    const closestOther = Math.max(...FILES
      .filter((f) => f !== file && readFileSync(join(ART, f)).toString('base64') !== bytes)
      .map((f) => dot(v, vectors.get(f)!)));
    expect(dot(v, await embedBuffer(reencoded))).toBeGreaterThan(closestOther);
    expect(dot(v, await embedBuffer(mirrored))).toBeGreaterThan(closestOther);
  });

  test('a picture gets the same vector alone, in a batch, and after larger batches (the batch buffer is reused)', async () => {
    const [a, b, c] = await Promise.all(SAMPLES.slice(3, 6).map((f) => decodeForModel(readFileSync(join(ART, f)))));
    const alone = (await embedder.embed([a!]))[0]!;
    const batch = await embedder.embed([c!, b!, a!]);
    const after = (await embedder.embed([a!]))[0]!;
    for (const v of [batch[2]!, after]) for (let i = 0; i < v.length; i++) expect(v[i]).toBeCloseTo(alone[i]!, 5);
    expect(dot(batch[0]!, alone)).toBeLessThan(0.99);
  });

  test('leaves no tensor behind', async () => {
    const before = embedder.numTensors();
    const px = await decodeForModel(readFileSync(join(ART, SAMPLES[2]!)));
    for (let i = 0; i < 5; i++) await embedder.embed([px, px]);
    await embedder.signals([px]);
    expect(embedder.numTensors()).toBe(before);
  });
});
