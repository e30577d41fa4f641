// Importing a picture the background fetches itself (a synced source's item, a post of the artist's profile):
// the same bounded fetch and checks as a pasted link, the same preparation as a file, and the same de-duplication
// by content hash. Throws with the reason in words when the picture cannot become a work.
import type { WorkDetails, WorkSource } from '../shared/db';
import { prepare, sha256 } from '../gallery/prepare';
import { fetchLink, nameOf } from '../gallery/import-urls';
import { addWork, workWithHash, type AddResult } from './gallery';

export interface RemoteWork {
  /** The picture's URL. */
  url: string;
  /** The name it is added under; default the URL's file name. */
  name?: string;
  source: WorkSource;
  details?: WorkDetails;
}

export async function importRemote({ url, name, source, details }: RemoteWork): Promise<AddResult> {
  const got = await fetchLink(url);
  // A picture already in the gallery is known by its bytes: it is not decoded again (importing a profile a
  // second time, a sync that meets old items, should not cost a decode per picture).
  const known = await workWithHash(await sha256(new Uint8Array(await got.bytes.arrayBuffer())));
  if (known) return { work: known, duplicate: true };
  const p = await prepare(got.bytes);
  if (!p.ok) throw new Error(p.reason);
  return addWork({ name: name ?? nameOf(url), dataUrl: p.dataUrl, thumbnail: p.thumbnail, contentHash: p.contentHash, source, details });
}
