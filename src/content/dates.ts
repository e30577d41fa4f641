// Publication days as the platforms show them, as YYYY-MM-DD. Both platforms print China time (UTC+8), which is
// the day an artist there would name, so the day is taken in that zone whatever the browser's. Pure.

const CHINA_MS = 8 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The China-time day of an instant (Xiaohongshu's note `time`, in ms). */
export function chinaDay(ms: number): string | undefined {
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  return new Date(ms + CHINA_MS).toISOString().slice(0, 10);
}

function day(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  // 2-31 is not a day: Date would roll it over into March.
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : undefined;
}

/**
 * A Weibo time as its time link shows it: the `title` holds the full time (`2024-09-02 15:30`); the text is
 * shorter — `24-9-2`, `9-2 15:30` (this year), `今天 15:30`, `5分钟前`, `刚刚`. `now` fixes "this year" and "today".
 */
export function weiboDay(texts: (string | null | undefined)[], now = Date.now()): string | undefined {
  const today = chinaDay(now)!;
  for (const raw of texts) {
    const s = raw?.trim();
    if (!s) continue;
    let m = /(?:^|\D)(\d{4}|\d{2})-(\d{1,2})-(\d{1,2})(?:\D|$)/.exec(s);
    if (m) {
      const y = Number(m[1]!.length === 2 ? `20${m[1]}` : m[1]);
      const d = day(y, Number(m[2]), Number(m[3]));
      if (d) return d;
    }
    m = /^(\d{1,2})-(\d{1,2})(?:\s|$)/.exec(s);
    if (m) {
      const d = day(Number(today.slice(0, 4)), Number(m[1]), Number(m[2]));
      if (d) return d;
    }
    if (/^(今天|刚刚)|(秒|分钟|小时)前$/.test(s)) return today;
    if (/^昨天/.test(s)) return chinaDay(now - 24 * 3600_000);
  }
  return undefined;
}
