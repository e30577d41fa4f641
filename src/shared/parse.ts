// Small hand-written payload parsers for the message contract (messages.ts). A parser takes what arrived (anything
// a hostile page could put in a message) and returns a fresh value of the declared type, or throws a
// PayloadError naming the field. Objects come back holding only their declared fields, so a handler never sees
// an extra key, a prototype key or a getter's surprise. Pure: no browser API.

export class PayloadError extends Error {}

/** `at` is the field's path for the error ("post.postUrl"). */
export type Parser<T> = (v: unknown, at: string) => T;

const fail = (at: string, problem: string): never => { throw new PayloadError(`${at || 'payload'} ${problem}`); };
const join = (at: string, key: string | number) => (typeof key === 'number' ? `${at}[${key}]` : at ? `${at}.${key}` : key);

/** Keys that could reach a prototype if any code ever merged a payload into an object: refused outright. */
const POISON = new Set(['__proto__', 'constructor', 'prototype']);

/** A string of at most `max` characters; `nonEmpty` refuses ''. Ids, tokens, hashes: too long is refused, not cut. */
export const id = (max: number, nonEmpty = true): Parser<string> => (v, at) => {
  if (typeof v !== 'string') return fail(at, 'is not a string');
  if (nonEmpty && !v) return fail(at, 'is empty');
  if (v.length > max) return fail(at, `is longer than ${max} characters`);
  return v;
};

/** Free text the page read from a post (titles, names): kept, cut to `max`, since a long title is no attack. */
export const text = (max: number): Parser<string> => (v, at) => (typeof v === 'string' ? v.slice(0, max) : fail(at, 'is not a string'));

/** A non-empty string cut to `max`: for keys the page derives from long URLs, where cutting was always the rule. */
export const clipped = (max: number): Parser<string> => (v, at) => id(Infinity)(v, at).slice(0, max);

/** An http(s) URL of at most `max` characters, normalised by the URL parser. */
export const httpUrl = (max = 4096): Parser<string> => (v, at) => {
  const s = id(max)(v, at);
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return fail(at, 'is not a URL');
  }
  return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : fail(at, 'is not an http(s) URL');
};

/** A finite number in [min, max]; NaN, ±Infinity and numbers as strings are refused. */
export const num = (min: number, max: number): Parser<number> => (v, at) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) return fail(at, 'is not a finite number');
  return v < min || v > max ? fail(at, `is outside ${min}…${max}`) : v;
};

export const int = (min: number, max: number): Parser<number> => (v, at) => {
  const n = num(min, max)(v, at);
  return Number.isInteger(n) ? n : fail(at, 'is not an integer');
};

export const bool: Parser<boolean> = (v, at) => (typeof v === 'boolean' ? v : fail(at, 'is not true or false'));

export const oneOf = <const V extends readonly string[]>(...values: V): Parser<V[number]> => (v, at) =>
  (values as readonly unknown[]).includes(v) ? (v as V[number]) : fail(at, `is not one of ${values.join(', ')}`);

/** An array of at most `max` items, each parsed. */
export const list = <T>(item: Parser<T>, max: number): Parser<T[]> => (v, at) => {
  if (!Array.isArray(v)) return fail(at, 'is not a list');
  if (v.length > max) return fail(at, `has more than ${max} items`);
  return v.map((x, i) => item(x, join(at, i)));
};

/** Absent (undefined) stays absent; `null` counts as absent too, since JSON-based messaging may turn one into the other. */
export const optional = <T>(p: Parser<T>): Parser<T | undefined> & { optional: true } =>
  Object.assign((v: unknown, at: string) => (v === undefined || v === null ? undefined : p(v, at)), { optional: true as const });

/** A value that may be `null` (kept as null) or absent (becomes null). */
export const nullable = <T>(p: Parser<T>): Parser<T | null> => (v, at) => (v === undefined || v === null ? null : p(v, at));

type Shape = Record<string, Parser<unknown>>;
type Optional<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
export type Parsed<S extends Shape> = { [K in Exclude<keyof S, Optional<S>>]: ReturnType<S[K]> } & {
  [K in Optional<S>]?: Exclude<ReturnType<S[K]>, undefined>
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  // Any realm's Object.prototype: a message may be cloned into another compartment (Firefox content scripts).
  const proto = Object.getPrototypeOf(v) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * A plain object with these fields. Undeclared keys are left behind (not copied) rather than refused, except
 * prototype keys, which only a hostile sender writes. Absent optional fields stay absent in the result.
 */
export const obj = <S extends Shape>(shape: S): Parser<Parsed<S>> => (v, at) => {
  if (!isPlainObject(v)) return fail(at, 'is not an object');
  for (const key of Object.keys(v)) if (POISON.has(key)) fail(join(at, key), 'is not allowed');
  const out: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(shape)) {
    const value = p(Object.hasOwn(v, key) ? v[key] : undefined, join(at, key));
    if (value !== undefined) out[key] = value;
  }
  return out as Parsed<S>;
};

/** A parser for every field of T, optional ones included: a field added to a type without one does not compile. */
export type Fields<T> = { [K in keyof T]-?: Parser<Partial<Pick<T, K>> extends Pick<T, K> ? T[K] | undefined : T[K]> };

/** `obj` for a declared type: every field of T needs its parser, so none is dropped unseen. */
export const object = <T>(fields: Fields<T>): Parser<T> => obj(fields as Shape) as unknown as Parser<T>;

/** The empty payload of a request that takes none (`{}`). */
export const none = obj({}) as Parser<Record<string, never>>;
