// Verifies a C2PA claim signature: a COSE_Sign1 (RFC 9052) with a detached payload — the claim's CBOR bytes —
// signed by the first certificate of its x5chain, with WebCrypto. Whether that certificate chains to a trusted
// C2PA signer is NOT decided here (no trust list is shipped): "valid" means the claim is exactly what the holder
// of that certificate signed. Pure apart from the global WebCrypto, present in browsers, workers and Node ≥ 20.
import { bytesOf, decodeCbor, isMap, type CborMap } from './cbor';
import { derBitString, derSequence, ecdsaRaw, parseCertificate, type Certificate } from './der';

export type Validity = 'valid' | 'invalid' | 'unverified';
export interface SignatureCheck { status: Validity; reason?: string; signer?: string }

/** COSE algorithm ids (IANA "COSE Algorithms") that C2PA allows. */
const ALGS: Record<string, { family: 'ECDSA' | 'RSA-PSS' | 'Ed25519'; hash: string; size?: number }> = {
  '-7': { family: 'ECDSA', hash: 'SHA-256', size: 32 },
  '-35': { family: 'ECDSA', hash: 'SHA-384', size: 48 },
  '-36': { family: 'ECDSA', hash: 'SHA-512', size: 66 },
  '-37': { family: 'RSA-PSS', hash: 'SHA-256' },
  '-38': { family: 'RSA-PSS', hash: 'SHA-384' },
  '-39': { family: 'RSA-PSS', hash: 'SHA-512' },
  '-8': { family: 'Ed25519', hash: '' },
};
const CURVES: Record<string, string> = { '1.2.840.10045.3.1.7': 'P-256', '1.3.132.0.34': 'P-384', '1.3.132.0.35': 'P-521' };
const RSA_ENCRYPTION = new Uint8Array([0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00]);
const RSASSA_PSS_OID = '1.2.840.113549.1.1.10';

const enc = new TextEncoder();

/** CBOR head of a byte string of length n (major type 2). */
function bstrHead(n: number): number[] {
  if (n < 24) return [0x40 | n];
  if (n < 256) return [0x58, n];
  if (n < 65536) return [0x59, n >> 8, n & 255];
  return [0x5a, (n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Sig_structure = ["Signature1", protected, external_aad = h'', payload] (RFC 9052 §4.4). */
function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  const parts = [new Uint8Array([0x84, 0x6a]), enc.encode('Signature1'), new Uint8Array(bstrHead(protectedBytes.length)), protectedBytes,
    new Uint8Array([0x40]), new Uint8Array(bstrHead(payload.length)), payload];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** The signing certificate: x5chain (label 33) in the protected header, or — in C2PA 1.x — "x5chain" unprotected. */
function leafCertificate(prot: CborMap, unprot: CborMap): Uint8Array | undefined {
  const chain = prot['33'] ?? unprot['33'] ?? unprot['x5chain'];
  return bytesOf(Array.isArray(chain) ? chain[0] : chain);
}

async function importKey(subtle: SubtleCrypto, cert: Certificate, alg: (typeof ALGS)[string]): Promise<CryptoKey | null> {
  if (alg.family === 'ECDSA') {
    const namedCurve = cert.curve && CURVES[cert.curve];
    return namedCurve ? subtle.importKey('spki', cert.spki as BufferSource, { name: 'ECDSA', namedCurve }, false, ['verify']) : null;
  }
  if (alg.family === 'RSA-PSS') {
    // WebCrypto imports RSA keys only under the rsaEncryption OID; PSS-only certificates name id-RSASSA-PSS.
    const spki = cert.keyAlg === RSASSA_PSS_OID ? derSequence(RSA_ENCRYPTION, derBitString(cert.keyBits)) : cert.spki;
    return subtle.importKey('spki', spki as BufferSource, { name: 'RSA-PSS', hash: alg.hash }, false, ['verify']);
  }
  return subtle.importKey('spki', cert.spki as BufferSource, { name: 'Ed25519' }, false, ['verify']);
}

export async function verifyClaimSignature(cose: Uint8Array, claim: Uint8Array): Promise<SignatureCheck> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return { status: 'unverified', reason: 'no WebCrypto' };
  let sign1: unknown;
  try {
    sign1 = decodeCbor(cose);
  } catch {
    return { status: 'invalid', reason: 'signature is not CBOR' };
  }
  if (!Array.isArray(sign1) || sign1.length !== 4) return { status: 'invalid', reason: 'signature is not a COSE_Sign1' };
  const protectedBytes = bytesOf(sign1[0]);
  const signature = bytesOf(sign1[3]);
  let prot: unknown = null;
  try {
    prot = protectedBytes && protectedBytes.length > 0 ? decodeCbor(protectedBytes) : null;
  } catch { /* reported below */ }
  const unprot = isMap(sign1[1]) ? sign1[1] : {};
  if (!protectedBytes || !signature || !isMap(prot)) return { status: 'invalid', reason: 'malformed COSE_Sign1' };
  const alg = ALGS[String(prot['1'])];
  if (!alg) return { status: 'unverified', reason: `unsupported signature algorithm ${String(prot['1'])}` };
  const der = leafCertificate(prot, unprot);
  const cert = der && parseCertificate(der);
  if (!cert) return { status: 'invalid', reason: 'no readable signing certificate' };
  let key: CryptoKey | null;
  try {
    key = await importKey(subtle, cert, alg);
  } catch {
    key = null;
  }
  if (!key) return { status: 'unverified', reason: 'signing key not supported here', signer: cert.subject };
  let sig = signature;
  if (alg.family === 'ECDSA' && sig.length !== alg.size! * 2 && sig[0] === 0x30) sig = ecdsaRaw(sig, alg.size!) ?? sig;
  const params = alg.family === 'ECDSA' ? { name: 'ECDSA', hash: alg.hash }
    : alg.family === 'RSA-PSS' ? { name: 'RSA-PSS', saltLength: Number(alg.hash.slice(4)) / 8 } : { name: 'Ed25519' };
  let ok: boolean;
  try {
    ok = await subtle.verify(params, key, sig as BufferSource, sigStructure(protectedBytes, claim) as BufferSource);
  } catch {
    ok = false;
  }
  return ok ? { status: 'valid', signer: cert.subject } : { status: 'invalid', reason: 'claim signature does not match', signer: cert.subject };
}
