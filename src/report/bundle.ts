// The evidence bundle the artist downloads from the report page: one zip a platform, a lawyer or a court can
// open offline and verify. Pure (crypto.subtle, TextEncoder and atob exist in Node 20 and every browser), so it
// is tested in Node with the same bytes the extension zips.
import { zipSync, type Zippable } from 'fflate';
import { timeStamp } from '../engine/notice';
import type { CaseRecord, EvidenceRecord, FindingView } from '../shared/types';

export interface BundleInput {
  finding: FindingView;
  /** post.dataUrl/sha256, work.dataUrl/sha256, the screenshot when the browser allowed one. */
  evidence: EvidenceRecord;
  notices: { zh: string; en: string };
  caseRecord?: CaseRecord;
  generatedAt: number;
}

export interface BundleFile { name: string; bytes: number; sha256: string }

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function dataUrlBytes(dataUrl: string): { bytes: Uint8Array; mime: string } {
  const m = /^data:([^,;]*)((?:;[^,;]*)*),/i.exec(dataUrl);
  if (!m) throw new Error('not a data URL');
  const body = dataUrl.slice(m[0].length);
  const mime = (m[1] || 'text/plain').toLowerCase();
  if (/;base64$/i.test(m[2] ?? '')) return { bytes: Uint8Array.from(atob(body), (c) => c.charCodeAt(0)), mime };
  return { bytes: new TextEncoder().encode(decodeURIComponent(body)), mime };
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif', 'image/avif': 'avif',
  'image/bmp': 'bmp', 'image/heic': 'heic',
};

const DOS_FIRST = Date.UTC(1980, 0, 2);
const DOS_LAST = Date.UTC(2099, 11, 30);

/** The picture files, named as report.html links them (undefined when the picture was not captured). */
interface Pictures { post?: string; work: string; screenshot?: string }

export async function buildBundle(input: BundleInput): Promise<{ zip: Uint8Array; files: BundleFile[]; name: string }> {
  const { evidence, finding, caseRecord } = input;
  const entries: [string, Uint8Array][] = [];
  const picture = (base: string, dataUrl: string | undefined) => {
    if (!dataUrl) return undefined;
    const { bytes, mime } = dataUrlBytes(dataUrl);
    const name = `${base}.${EXTENSIONS[mime] ?? 'bin'}`;
    entries.push([name, bytes]);
    return name;
  };
  const pictures: Pictures = {
    post: picture('post', evidence.post.dataUrl),
    work: picture('work', evidence.work.dataUrl)!,
    screenshot: picture('screenshot', evidence.screenshot),
  };
  const hashes: Record<string, string> = {};
  for (const [name, bytes] of entries) hashes[name] = await sha256Hex(bytes);

  const text = (s: string) => new TextEncoder().encode(s);
  const record = {
    format: 'inkseal-evidence', version: 1,
    generatedAt: new Date(input.generatedAt).toISOString(),
    finding: withoutThumbnail(finding),
    evidence: {
      ...evidence,
      screenshot: pictures.screenshot,
      post: { ...evidence.post, dataUrl: undefined, file: pictures.post },
      work: { ...evidence.work, dataUrl: undefined, file: pictures.work },
    },
    case: caseRecord ?? finding.case ?? null,
    sha256: hashes,
  };
  entries.unshift(['report.html', text(reportHtml({ ...input, pictures, hashes }))]);
  entries.push(
    ['record.json', text(JSON.stringify(record, null, 2))],
    ['notice-zh.txt', text(input.notices.zh)],
    ['notice-en.txt', text(input.notices.en)],
  );

  const files: BundleFile[] = [];
  for (const [name, bytes] of entries) files.push({ name, bytes: bytes.length, sha256: await sha256Hex(bytes) });
  // sha256sum's format (two spaces, then the name), so `sha256sum -c SHA256SUMS` verifies the unzipped folder.
  const sums = text(files.map((f) => `${f.sha256}  ${f.name}\n`).join(''));
  entries.push(['SHA256SUMS', sums]);
  files.push({ name: 'SHA256SUMS', bytes: sums.length, sha256: await sha256Hex(sums) });

  // Pictures are already compressed: storing them saves time and keeps them byte-identical to the evidence.
  // Zip's DOS dates span 1980–2099 and fflate throws outside them: a wrong clock must not lose the evidence.
  const mtime = new Date(Math.min(Math.max(input.generatedAt, DOS_FIRST), DOS_LAST));
  const zipInput: Zippable = {};
  for (const [name, bytes] of entries) zipInput[name] = [bytes, { level: name in hashes ? 0 : 6, mtime }];
  const day = timeStamp(input.generatedAt, evidence.timeZone).day.replaceAll('-', '');
  return { zip: zipSync(zipInput), files, name: `inkseal-evidence-${safe(finding.site)}-${safe(finding.postId)}-${day}.zip` };
}

function withoutThumbnail({ workThumbnail: _thumbnail, ...rest }: FindingView) {
  return rest;
}

/** Post ids come from page URLs: keep a file name that is one path segment on every OS. */
const safe = (s: string) => s.replace(/[^0-9A-Za-z_-]+/g, '_').slice(0, 64) || 'unknown';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Any fact, escaped; absent ones say so rather than print "undefined". */
const val = (v: string | number | null | undefined) =>
  v === undefined || v === null || v === '' ? '<em>not recorded / 未记录</em>' : esc(String(v));

/** A URL from a hostile page is linked only when it is http(s): a javascript: or data: URL stays text. */
function link(url: string | undefined): string {
  if (!url) return val(url);
  try {
    const u = new URL(url);
    if (u.protocol === 'https:' || u.protocol === 'http:') return `<a href="${esc(u.href)}" rel="noopener noreferrer">${esc(url)}</a>`;
  } catch {
    // Not a URL at all: shown as text below.
  }
  return esc(url);
}

const utc = (ms: number | undefined) => (ms === undefined ? val(ms) : esc(new Date(ms).toISOString()));

const table = (rows: [string, string][]) =>
  `<table>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`).join('')}</table>`;

function figure(caption: string, file: string | undefined, missing: string | undefined): string {
  const body = file ? `<img src="${esc(file)}" alt="${esc(caption)}">` : `<p>not captured / 未获取: ${val(missing)}</p>`;
  return `<figure>${body}<figcaption>${esc(caption)}${file ? ` — ${esc(file)}` : ''}</figcaption></figure>`;
}

/**
 * report.html: every fact of the bundle on one page that opens offline. No script, and a CSP that allows
 * nothing but the pictures beside it, so a fact that slipped past escaping still could not run or call home.
 */
function reportHtml(input: BundleInput & { pictures: Pictures; hashes: Record<string, string> }): string {
  const { finding: f, evidence: e, pictures, hashes } = input;
  const v = f.verdict;
  const theCase = input.caseRecord ?? f.case;
  const work = theCase?.workFacts ?? {};
  const captured = timeStamp(e.capturedAt, e.timeZone);
  const hashRow = (label: string, file: string | undefined, recorded: string | undefined): [string, string] => {
    const h = file ? hashes[file] : undefined;
    const note = h && recorded && h !== recorded ? ` <strong>(differs from the sha256 recorded at capture: ${esc(recorded)})</strong>` : '';
    return [label, h ? `<code>${esc(h)}</code>${note}` : val(recorded)];
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' file:; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>Inkseal evidence — ${esc(f.site)} ${esc(f.postId)}</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
.pictures{display:flex;gap:1em;align-items:flex-start}figure{flex:1;margin:0}img{max-width:100%;border:1px solid #ccc}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.2em .6em;border-bottom:1px solid #eee}
th{width:16em;font-weight:600}td{word-break:break-all}pre{white-space:pre-wrap;background:#f6f6f6;padding:1em}
</style></head><body>
<h1>Inkseal evidence report / 墨印取证报告</h1>
<p>Generated ${utc(input.generatedAt)}. Verify the files with <code>sha256sum -c SHA256SUMS</code>.</p>
<div class="pictures">${figure('The post / 侵权图片', pictures.post, e.post.error)}${figure('The work / 权利作品', pictures.work, undefined)}</div>
${pictures.screenshot ? figure('Screenshot of the post / 帖子截图', pictures.screenshot, undefined) : `<p>Screenshot / 截图: ${val(e.screenshotError)}</p>`}
<h2>The post / 帖子</h2>
${table([
    ['Platform / 平台', val(f.site)],
    ['Post URL / 帖子地址', link(f.postUrl)],
    ['Post ID / 帖子编号', val(f.postId)],
    ['Author / 发布者', val(f.author)],
    ['Author profile / 发布者主页', link(f.authorId)],
    ['Post title / 标题', val(f.title)],
    ['Image URL / 图片地址', link(f.stableUrl)],
    ['Image URL as displayed / 页面显示的图片地址', link(f.displayUrl)],
    ['Picture fetched from / 图片获取地址', link(e.post.url)],
    ['Captured (UTC) / 取证时间', esc(captured.utc)],
    ['Captured (local) / 取证地时间', val(captured.local)],
    ['First seen / 首次发现', utc(f.firstSeen)],
    ['Last seen / 最近发现', utc(f.lastSeen)],
  ])}
<h2>Verdict / 比对结果</h2>
${table([
    ['Verdict / 结论', val(v?.kind ?? f.kind)],
    ['Score / 相似度', v ? esc(`${(v.score * 100).toFixed(1)}%`) : val(undefined)],
    ['Transform / 变换', val(v?.transform ?? (v ? 'none' : undefined))],
    ['Method / 判定方法', val(v?.signal)],
    ['Engine version / 引擎版本', val(f.engineVersion)],
  ])}
<h2>The work / 权利作品</h2>
${table([
    ['Title / 作品名称', val(v?.workName ?? e.work.name)],
    ['Added to Inkseal / 收入作品库', utc(e.work.addedAt)],
    ['Created / 创作日期', val(work.created)],
    ['First published at / 首次发表地址', link(work.firstPublishedUrl)],
    ['First published on / 首次发表日期', val(work.firstPublishedAt)],
  ])}
<h2>Hashes / 校验值 (SHA-256)</h2>
${table([
    hashRow('The post / 侵权图片', pictures.post, e.post.sha256),
    hashRow('The work / 权利作品', pictures.work, e.work.sha256),
    ...(pictures.screenshot ? [hashRow('Screenshot / 截图', pictures.screenshot, undefined)] : []),
  ])}
<h2>Case / 投诉记录</h2>
${theCase ? table([
    ['Status / 状态', val(theCase.status)],
    ['Opened / 创建', utc(theCase.openedAt)],
    ['Updated / 更新', utc(theCase.updatedAt)],
    ['History / 经过', theCase.history.map((h) => `${esc(h.status)} ${utc(h.at)}`).join('<br>') || val(undefined)],
    ['Notes / 备注', val(theCase.notes)],
  ]) : '<p>not reported / 未投诉</p>'}
<h2>Notice (中文) / 侵权通知书</h2>
<pre lang="zh">${esc(input.notices.zh)}</pre>
<h2>Notice (English)</h2>
<pre>${esc(input.notices.en)}</pre>
</body></html>
`;
}
