// Properties out of an XMP packet without an XML parser: a linear scan for one qualified name at a time, as an
// element (<ns:Name>value</ns:Name>, <ns:Name rdf:resource="…"/>) or an attribute (ns:Name="value"). Regular
// expressions over a hostile megabyte can backtrack quadratically; indexOf from a moving start cannot. Pure.

const MAX_VALUES = 16;
const MAX_VALUE = 64 * 1024;

const ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/gi, (m, e: string) => {
    if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? m;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** Element content with its markup (rdf:Alt, rdf:li …) dropped; list items joined by "; ". */
function contentText(inner: string): string {
  return inner.replace(/<\/rdf:li>\s*<rdf:li[^>]*>/g, '; ').replace(/<[^>]*>/g, '').trim();
}

/** Every value of the property `name` ("Iptc4xmpExt:DigitalSourceType"), entity-decoded, in document order. */
export function xmpValues(xmp: string, name: string): string[] {
  const out: string[] = [];
  let at = 0;
  while (out.length < MAX_VALUES) {
    const i = xmp.indexOf(name, at);
    if (i < 0) break;
    at = i + name.length;
    const before = xmp[i - 1];
    const after = xmp[at];
    if (before === '<' && (after === '>' || after === '/' || after === ' ' || after === '\n' || after === '\t' || after === '\r')) {
      const close = xmp.indexOf('>', at);
      if (close < 0) break;
      const tag = xmp.slice(at, close);
      at = close + 1;
      const resource = /rdf:resource\s*=\s*["']([^"']*)["']/.exec(tag.slice(0, 4096));
      if (tag.endsWith('/')) {
        if (resource) out.push(decodeEntities(resource[1]!));
        continue;
      }
      const end = xmp.indexOf(`</${name}>`, at);
      if (end < 0) break;
      out.push(decodeEntities(contentText(xmp.slice(at, Math.min(end, at + MAX_VALUE)))));
      at = end;
    } else if (before !== undefined && /\s/.test(before)) {
      const eq = /^\s*=\s*(["'])/.exec(xmp.slice(at, at + 8));
      if (!eq) continue;
      const start = at + eq[0].length;
      const end = xmp.indexOf(eq[1]!, start);
      if (end < 0) break;
      out.push(decodeEntities(xmp.slice(start, Math.min(end, start + MAX_VALUE))));
      at = end + 1;
    }
  }
  return out.filter((v) => v !== '');
}

/** The TC260 implicit label's property: GB 45438-2025 names it AIGC in the TC260 namespace; writers pick the prefix. */
export function tc260Values(xmp: string): string[] {
  const m = /xmlns:([A-Za-z_][\w.-]{0,40})\s*=\s*["']http:\/\/www\.tc260\.org\.cn\/ns\/AIGC\/1\.0\/?["']/.exec(xmp);
  return xmpValues(xmp, `${m ? m[1] : 'TC260'}:AIGC`);
}
