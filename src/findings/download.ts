// Export of findings as a file the artist keeps: CSV for a spreadsheet, JSON for tools and lawyers.
import { findingsCsv, findingsJson } from '../engine/export';
import type { FindingView } from '../shared/types';
import { isoDay } from './format';

export type ExportFormat = 'csv' | 'json';

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked on the next turn: the click only starts the download, which still reads the URL.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function exportFindings(rows: FindingView[], format: ExportFormat): void {
  const name = `inkseal-findings-${isoDay(Date.now())}.${format}`;
  if (format === 'json') return download(name, findingsJson(rows), 'application/json');
  download(name, findingsCsv(rows), 'text/csv;charset=utf-8');
}
