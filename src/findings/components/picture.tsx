// A thumbnail that turns into a labelled placeholder when its picture cannot load: post pictures are signed
// CDN URLs that expire, and a work may have left the gallery.
import { useState } from 'preact/hooks';

interface Props {
  src: string | undefined;
  alt: string;
  /** Said in the placeholder instead of a broken image. */
  missing: string;
  /** Post pictures: the CDNs refuse or watermark requests that carry an extension's referrer. */
  noReferrer?: boolean;
}

export function Picture({ src, alt, missing, noReferrer }: Props) {
  const [failed, setFailed] = useState<string | null>(null);
  if (!src || failed === src) {
    return <div class="picture placeholder" role="img" aria-label={alt ? `${alt}: ${missing}` : missing}><span>{missing}</span></div>;
  }
  return (
    // Attributes that shape the request come before src: Preact sets them in this order.
    <img
      class="picture" loading="lazy" decoding="async" referrerpolicy={noReferrer ? 'no-referrer' : undefined}
      src={src} alt={alt} onError={() => setFailed(src)}
    />
  );
}
