// Small display formats shared by the report page's sections.

export const percent = (score: number) => Math.round(Math.min(1, Math.max(0, score)) * 100);

/** A date and time in the browser's language and zone (the evidence section states UTC separately). */
export const dateTime = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const date = (ms: number) => new Date(ms).toLocaleDateString(undefined, { dateStyle: 'medium' });

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
