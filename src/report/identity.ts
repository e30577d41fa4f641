// The artist's details for notices. Kept in storage.local under `identity` only while they tick "remember";
// unticking deletes them. Validated on read: a damaged or older value yields empty fields, never a crash.
import browser from 'webextension-polyfill';
import type { Identity } from '../shared/types';

const KEY = 'identity';

export const IDENTITY_FIELDS = ['name', 'email', 'phone', 'address', 'signature'] as const satisfies readonly (keyof Identity)[];

export const EMPTY_IDENTITY: Identity = { name: '', email: '', phone: '', address: '', signature: '' };

export function parseIdentity(value: unknown): Identity | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const out = { ...EMPTY_IDENTITY };
  for (const k of IDENTITY_FIELDS) if (typeof v[k] === 'string') out[k] = v[k];
  return out;
}

/** The remembered details, or null when the artist has not asked to be remembered. */
export async function loadIdentity(): Promise<Identity | null> {
  return parseIdentity((await browser.storage.local.get(KEY))[KEY]);
}

export const rememberIdentity = (who: Identity) => browser.storage.local.set({ [KEY]: who });

export const forgetIdentity = () => browser.storage.local.remove(KEY);
