// The post's picture in the popup, loaded without the site's cookies: an <img> in an extension page would send
// them (the extension holds the CDN's host permission); a fetch with `credentials: 'omit'` does not, and tells
// the CDN nothing about who is looking.
import { useEffect, useState } from 'preact/hooks';
import { MAX_PICTURE_BYTES, fetchPicture } from '../shared/picture-fetch';

export function PostPicture({ url, alt }: { url: string; alt: string }) {
  const [src, setSrc] = useState('');
  useEffect(() => {
    let object = '';
    let live = true;
    void fetchPicture(url, { maxBytes: Math.min(MAX_PICTURE_BYTES, 10 * 1024 * 1024), referrerPolicy: 'no-referrer' }).then(({ bytes, mime }) => {
      if (!live) return;
      object = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }));
      setSrc(object);
    }, () => undefined);
    return () => { live = false; if (object) URL.revokeObjectURL(object); };
  }, [url]);
  return src ? <img src={src} alt={alt} data-testid="post-picture" /> : <div class="img-wait" role="img" aria-label={alt} />;
}
