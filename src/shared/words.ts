// Locale keys for engine words that several pages show (one place, so every page says it the same way).

const KEYS: Record<string, string> = {
  'mirror-x': 'transform_mirror_x',
  'mirror-y': 'transform_mirror_y',
  rot90: 'transform_rotated',
  rot180: 'transform_rotated',
  rot270: 'transform_rotated',
  transpose: 'transform_turned',
  'anti-transpose': 'transform_turned',
  cropped: 'transform_cropped',
  framed: 'transform_framed',
  rotated: 'transform_rotated',
  collage: 'transform_collage',
  'screen-photo': 'transform_screen_photo',
  stickers: 'transform_stickers',
  watermark: 'transform_watermark',
  inverted: 'transform_inverted',
  'inverted-mirror-x': 'transform_inverted_mirror',
};

/** The transform a verdict names ('mirror-x', 'cropped', 'framed', 'rot90', …) as a locale key. */
export function transformKey(transform: string): string {
  return KEYS[transform] ?? 'transform_other';
}

/** "today", "yesterday", "3 days ago" as locale key and substitution, for "reported 3 days ago". */
export function whenKey(at: number, now = Date.now()): [string, number] {
  const days = Math.floor((now - at) / 86_400_000);
  if (days <= 0) return ['when_today', 0];
  if (days === 1) return ['when_yesterday', 1];
  return ['when_days_ago', days];
}
