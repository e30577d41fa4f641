// A feed picture's provenance (C2PA, TC260, IPTC, generators' metadata), read from the bytes already fetched.
// Firefox reads it in the decode worker; Chrome on the model frame's own thread, because a blob: worker of the
// sandboxed (opaque-origin) frame is not a secure context and has no crypto.subtle, which a C2PA manifest's
// signature and hash checks need (there every C2PA picture came out 'unverified').
import { readProvenance } from '../engine/provenance/index';
import { summariseProvenance, type ProvenanceSummary } from '../engine/provenance/summary';

/**
 * Per feed picture: metadata sits near the start and a C2PA check of the corpus's largest file takes ~90 ms, so
 * 250 ms leaves room on a busy machine without letting a hostile file hold the worker (past it, a C2PA binding is
 * 'unverified', never AI). Bytes: every picture the fetch accepted (MAX_PICTURE_BYTES, 40 MB) is read up to 32 MB.
 */
const PROVENANCE_LIMITS = { maxMs: 250, maxBytes: 32 * 1024 * 1024 };

export async function provenanceOf(bytes: Uint8Array): Promise<ProvenanceSummary | null> {
  return summariseProvenance(await readProvenance(bytes, PROVENANCE_LIMITS));
}
