// Which URLs the extension refuses to fetch because they point inside the artist's machine or network: a page
// can name any address in an <img>, and the extension's fetches carry host permissions a page lacks (SSRF).
// Judged from the URL's host as written — an IP literal or a local name — because an extension cannot resolve
// DNS: a public name that resolves to a private address is the network's business, not a page's trick. Pure.

const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.intranet', '.lan', '.home.arpa', '.localdomain'];

/** IPv4 ranges that are not the public internet (RFC 6890 and friends), as [network, prefix length]. */
const V4_BLOCKED: [number, number][] = [
  [0x00000000, 8], // "this network", 0.0.0.0
  [0x0a000000, 8], // private 10/8
  [0x64400000, 10], // carrier-grade NAT 100.64/10
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local 169.254/16 (cloud metadata services live here)
  [0xac100000, 12], // private 172.16/12
  [0xc0000000, 24], // IETF protocol assignments 192.0.0/24
  [0xc0a80000, 16], // private 192.168/16
  [0xc6120000, 15], // benchmarking 198.18/15
  [0xe0000000, 4], // multicast 224/4
  [0xf0000000, 4], // reserved 240/4 and broadcast
];

function v4Blocked(n: number): boolean {
  return V4_BLOCKED.some(([net, bits]) => ((n ^ net) >>> (32 - bits)) === 0);
}

function parseV4(host: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

/** The eight 16-bit groups of an IPv6 literal (the URL parser has already normalised it), or null. */
function parseV6(host: string): number[] | null {
  let s = host;
  // A trailing dotted quad (::ffff:1.2.3.4) becomes two groups.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (tail) {
    const v4 = parseV4(tail[1]!);
    if (v4 === null) return null;
    s = `${s.slice(0, -tail[1]!.length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (x: string) => (x ? x.split(':').map((g) => parseInt(g, 16)) : []);
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
  const all = [...head, ...new Array<number>(Math.max(0, fill)).fill(0), ...rest];
  return all.length === 8 && all.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? all : null;
}

function v6Blocked(g: number[]): boolean {
  const v4 = ((g[6]! << 16) | g[7]!) >>> 0;
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(8)) return true; // ::
  if (zeroTo(7) && g[7] === 1) return true; // ::1
  // Forms that carry an IPv4 address: mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::/96.
  if (zeroTo(5) && g[5] === 0xffff) return v4Blocked(v4);
  if (zeroTo(6)) return v4Blocked(v4);
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4Blocked(v4);
  if (g[0] === 0x2002) return v4Blocked(((g[1]! << 16) | g[2]!) >>> 0); // 6to4
  const first = g[0]!;
  return (first & 0xfe00) === 0xfc00 // unique local fc00::/7
    || (first & 0xffc0) === 0xfe80 // link-local fe80::/10
    || (first & 0xffc0) === 0xfec0 // site-local fec0::/10 (deprecated, still routed by some networks)
    || (first & 0xff00) === 0xff00; // multicast
}

/** True when `host` (a URL's hostname) names this machine or a private network by literal or by local name. */
export function isInternalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h.startsWith('[')) {
    const groups = parseV6(h.slice(1, -1).split('%')[0]!);
    return groups === null || v6Blocked(groups);
  }
  const v4 = parseV4(h);
  if (v4 !== null) return v4Blocked(v4);
  if (h === 'localhost' || LOCAL_SUFFIXES.some((s) => h.endsWith(s))) return true;
  // A name without a dot resolves through the local search domains: a router, a NAS, an intranet host.
  return !h.includes('.');
}

/**
 * Why the extension will not fetch `url`: a scheme that is not the web's or a host inside the artist's network.
 * data: and blob: URLs never leave the browser (the gallery's own pictures travel as data: URLs).
 */
export function fetchRefusal(url: string): 'bad-scheme' | 'internal-address' | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'bad-scheme';
  }
  if (u.protocol === 'data:' || u.protocol === 'blob:') return null;
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'bad-scheme';
  return isInternalHost(u.hostname) ? 'internal-address' : null;
}
