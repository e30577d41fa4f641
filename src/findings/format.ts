// Words and dates for the Findings page: every label a finding, decision or case shows goes through here.
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n';
import type { FindingKind, FindingStatus } from '../shared/types';
import { transformKey } from '../shared/words';
import { SITES, siteById } from '../sites';

export const KINDS: readonly FindingKind[] = ['copy', 'edit', 'style', 'ai-labelled'];
export const STATUSES: readonly FindingStatus[] = ['new', 'not-mine', 'authorised', 'open', 'reported', 'resolved', 'rejected'];
/** The sites Inkseal has adapters for; the site filter also offers any other site a finding came from. */
export const KNOWN_SITES: readonly string[] = SITES.map((s) => s.id);

const keyPart = (id: string) => id.replace(/-/g, '_');

export const kindName = (kind: FindingKind) => t(`verdict_${keyPart(kind)}`);
// The same words the popup and panel use for a status and a transform.
export const statusName = (status: FindingStatus) => t(`status_${keyPart(status)}`);
export const transformName = (transform: string | undefined) => (transform ? t(transformKey(transform)) : null);

export function siteName(site: string): string {
  const key = siteById(site)?.words.name;
  return (key && browser.i18n.getMessage(key)) || site;
}

/** For a post on a site without an adapter, its host says more than "Other site". */
export function postSiteName(site: string, postUrl: string): string {
  if (site !== 'generic') return siteName(site);
  try {
    return new URL(postUrl).host;
  } catch {
    return siteName(site);
  }
}

/** A profile link only when it is one: authorId may also be a bare name or a site-internal id. */
export function profileUrl(authorId: string | undefined): string | null {
  if (!authorId?.startsWith('https://')) return null;
  try {
    return new URL(authorId).href;
  } catch {
    return null;
  }
}

const locale = browser.i18n.getUILanguage();
const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
const moment = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

export const formatDay = (at: number) => day.format(at);
export const formatMoment = (at: number) => moment.format(at);

/** yyyy-mm-dd in local time: the value of an `<input type="date">` and the export's file name. */
export function isoDay(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function sameDay(a: number, b: number): boolean {
  return isoDay(a) === isoDay(b);
}
