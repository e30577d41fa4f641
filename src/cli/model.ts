// `npm run model`: make sure a verified model is available to the build; download it when it is not.
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_MODEL_DIR, MODEL_FILES, OFFICIAL_URL, badFiles, resolveModelDir } from './model-source';

async function download(): Promise<void> {
  mkdirSync(CACHE_MODEL_DIR, { recursive: true });
  for (const name of Object.keys(MODEL_FILES)) {
    const url = `${OFFICIAL_URL}/${name}?tfjs-format=file`;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`download of ${url} failed: HTTP ${res.status}`);
    writeFileSync(join(CACHE_MODEL_DIR, name), Buffer.from(await res.arrayBuffer()));
  }
  const bad = badFiles(CACHE_MODEL_DIR);
  if (bad.length) {
    rmSync(CACHE_MODEL_DIR, { recursive: true, force: true });
    throw new Error(`downloaded files do not match their pinned sha256: ${bad.join(', ')}`);
  }
}

try {
  console.log(`model: ${resolveModelDir()}`);
} catch (first) {
  if (process.env.INKSEAL_MODEL_DIR) {
    console.error((first as Error).message);
    process.exit(1);
  }
  console.error('No local model; downloading the official files…');
  try {
    await download();
    console.log(`model: ${resolveModelDir()}`);
  } catch (err) {
    console.error(`${(first as Error).message}\n\nDownload failed: ${(err as Error).message}`);
    process.exit(1);
  }
}
