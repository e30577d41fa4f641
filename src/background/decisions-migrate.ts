// Storage migration of the artist's decisions (pure, tested in test/background/decisions-migrate.test.ts).
import type { Decision } from '../shared/types';

/** The legacy shape as decisions: nothing the artist decided is lost in the upgrade. */
export function migrateLegacy(legacy: unknown, now: number): Decision[] {
  const got = (legacy ?? {}) as { images?: unknown; accounts?: unknown };
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return [
    ...list(got.images).map((key): Decision => ({ id: crypto.randomUUID(), kind: 'not-mine', key, site: key.split(':')[0] ?? '', label: key, at: now })),
    ...list(got.accounts).map((key): Decision => ({
      id: crypto.randomUUID(), kind: 'authorised', key, site: key.split('|')[0] ?? '', label: key.split('|').slice(1).join('|'), at: now,
    })),
  ];
}

