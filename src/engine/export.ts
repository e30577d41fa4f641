// The Findings page's export: CSV for a spreadsheet, JSON for tools. Pure.
// Like all of src/engine it imports nothing outside src/engine, so the row shape is declared here;
// src/shared/types' FindingView satisfies it (the test passes FindingView rows).
import type { Verdict } from './verdict';

/** The fields of a finding the export reads. */
export interface ExportRow {
  id: string;
  status: string;
  kind: string;
  site: string;
  postId: string;
  postUrl: string;
  author?: string;
  authorId?: string;
  stableUrl: string;
  displayUrl: string;
  verdict: Verdict | null;
  engineVersion: string;
  firstSeen: number;
  lastSeen: number;
  case?: { status: string; openedAt: number };
  /** A data URL: left out of both exports. */
  workThumbnail?: string;
}

const COLUMNS: [string, (r: ExportRow) => string | number | undefined | null][] = [
  ['id', (r) => r.id],
  ['status', (r) => r.status],
  ['kind', (r) => r.kind],
  ['site', (r) => r.site],
  ['post_url', (r) => r.postUrl],
  ['post_id', (r) => r.postId],
  ['author', (r) => r.author],
  ['author_id', (r) => r.authorId],
  ['image_url', (r) => r.stableUrl],
  ['display_url', (r) => r.displayUrl],
  ['score', (r) => (r.verdict ? Number(r.verdict.score.toFixed(4)) : undefined)],
  ['work_id', (r) => r.verdict?.workId],
  ['work_name', (r) => r.verdict?.workName],
  ['transform', (r) => r.verdict?.transform],
  ['method', (r) => r.verdict?.signal],
  ['engine_version', (r) => r.engineVersion],
  ['first_seen_utc', (r) => iso(r.firstSeen)],
  ['last_seen_utc', (r) => iso(r.lastSeen)],
  ['case_status', (r) => r.case?.status],
  ['case_opened_utc', (r) => iso(r.case?.openedAt)],
];

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/**
 * RFC 4180 with CRLF line ends, after a UTF-8 BOM: without it Excel reads the file as the local code page and
 * Chinese authors and titles turn to mojibake.
 */
export function findingsCsv(rows: ExportRow[]): string {
  const lines = [COLUMNS.map(([name]) => name), ...rows.map((r) => COLUMNS.map(([, get]) => cell(get(r))))];
  return `\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

function cell(value: string | number | undefined | null): string {
  let s = value === undefined || value === null ? '' : String(value);
  // Authors and titles come from hostile pages: a spreadsheet runs a cell that starts like a formula (OWASP
  // CSV injection), so such a cell is made text with a leading apostrophe.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function findingsJson(rows: ExportRow[], now: number = Date.now()): string {
  const findings = rows.map(({ workThumbnail: _thumbnail, ...rest }) => rest);
  return JSON.stringify({ format: 'inkseal-findings', version: 1, exportedAt: new Date(now).toISOString(), findings }, null, 2);
}
