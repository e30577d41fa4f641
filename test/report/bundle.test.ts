// The evidence bundle as whoever receives it would check it: unzip, verify SHA256SUMS, compare the pictures
// with what was captured, and open report.html without anything from the hostile page running or linking out.
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildBundle, dataUrlBytes, sha256Hex, type BundleInput } from '../../src/report/bundle';
import type { CaseRecord, EvidenceRecord, FindingView } from '../../src/shared/types';

const HOSTILE = '<img src=x onerror=alert(1)>';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const dataUrl = (mime: string, b: Uint8Array) => `data:${mime};base64,${Buffer.from(b).toString('base64')}`;
const pixels = (r: number, g: number, b: number) =>
  sharp({ create: { width: 24, height: 16, channels: 3, background: { r, g, b } } });

let postJpeg: Uint8Array;
let workPng: Uint8Array;
let screenshotPng: Uint8Array;
let input: BundleInput;

beforeAll(async () => {
  postJpeg = new Uint8Array(await pixels(200, 30, 30).jpeg().toBuffer());
  workPng = new Uint8Array(await pixels(200, 30, 30).png().toBuffer());
  screenshotPng = new Uint8Array(await pixels(240, 240, 240).png().toBuffer());
  const finding: FindingView = {
    id: 'f1',
    kind: 'copy',
    site: 'xiaohongshu',
    postId: '6650c3a2/../../etc?x=1',
    postUrl: 'https://www.xiaohongshu.com/explore/6650c3a2?xsec_token=AB&x=1',
    author: HOSTILE,
    authorId: 'javascript:alert(document.domain)',
    title: '"><script>alert(2)</script>',
    imageKey: 'xhs:1040g2',
    stableUrl: 'https://ci.xiaohongshu.com/1040g2',
    displayUrl: 'https://sns-webpic-qc.xhscdn.com/1040g2!nd',
    verdict: { kind: 'copy', score: 0.9123, workId: 'w1', workName: '墨鹤 <b>', signal: 'hash', transform: 'mirror-x' },
    engineVersion: '0.1.0',
    firstSeen: Date.UTC(2024, 4, 1, 8),
    lastSeen: Date.UTC(2024, 4, 1, 9),
    status: 'open',
    workThumbnail: 'data:image/jpeg;base64,AAAA',
  };
  const evidence: EvidenceRecord = {
    findingId: 'f1',
    capturedAt: Date.UTC(2024, 4, 1, 23, 30, 5),
    timeZone: 'Asia/Shanghai',
    screenshot: dataUrl('image/png', screenshotPng),
    post: { dataUrl: dataUrl('image/jpeg', postJpeg), sha256: sha(postJpeg), mime: 'image/jpeg', bytes: postJpeg.length, url: finding.stableUrl },
    work: { dataUrl: dataUrl('image/png', workPng), sha256: sha(workPng), mime: 'image/png', bytes: workPng.length, name: '墨鹤', addedAt: Date.UTC(2024, 0, 10), workId: 'w1' },
  };
  const caseRecord: CaseRecord = {
    id: 'c1', findingId: 'f1', site: 'xiaohongshu', postId: finding.postId, postUrl: finding.postUrl, status: 'open',
    openedAt: Date.UTC(2024, 4, 1, 23, 31), updatedAt: Date.UTC(2024, 4, 1, 23, 31), notes: '', history: [{ status: 'open', at: Date.UTC(2024, 4, 1, 23, 31) }],
    workFacts: { created: '2023-11-02', firstPublishedUrl: 'javascript:alert(3)', firstPublishedAt: '2023-11-05' },
  };
  input = {
    finding, evidence, caseRecord,
    notices: { zh: `侵权通知书\n发布者：${HOSTILE}`, en: `NOTICE OF COPYRIGHT INFRINGEMENT\nPosted by: ${HOSTILE}` },
    generatedAt: Date.UTC(2024, 4, 1, 23, 40),
  };
});

describe('buildBundle', () => {
  test('zips the report, both pictures, the screenshot, the record, both notices and SHA256SUMS', async () => {
    const { zip, files } = await buildBundle(input);
    const names = ['report.html', 'post.jpg', 'work.png', 'screenshot.png', 'record.json', 'notice-zh.txt', 'notice-en.txt', 'SHA256SUMS'];
    expect(Object.keys(unzipSync(zip)).sort()).toEqual([...names].sort());
    expect(files.map((f) => f.name).sort()).toEqual([...names].sort());
  });

  test('every SHA256SUMS line matches its file, and every file but SHA256SUMS has a line', async () => {
    const { zip, files } = await buildBundle(input);
    const unzipped = unzipSync(zip);
    const lines = new TextDecoder().decode(unzipped['SHA256SUMS']).trimEnd().split('\n');
    const listed = lines.map((line) => {
      const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
      expect(m, line).not.toBeNull();
      expect(sha(unzipped[m![2]!]!)).toBe(m![1]);
      return m![2];
    });
    expect(listed.sort()).toEqual(Object.keys(unzipped).filter((n) => n !== 'SHA256SUMS').sort());
    for (const f of files) {
      expect(f.sha256).toBe(sha(unzipped[f.name]!));
      expect(f.bytes).toBe(unzipped[f.name]!.length);
    }
  });

  test('the pictures are the captured bytes, exactly', async () => {
    const unzipped = unzipSync((await buildBundle(input)).zip);
    expect(unzipped['post.jpg']).toEqual(postJpeg);
    expect(unzipped['work.png']).toEqual(workPng);
    expect(unzipped['screenshot.png']).toEqual(screenshotPng);
    expect(new TextDecoder().decode(unzipped['notice-zh.txt'])).toBe(input.notices.zh);
  });

  test('report.html shows the pictures side by side and the facts, with hostile text escaped', async () => {
    const html = new TextDecoder().decode(unzipSync((await buildBundle(input)).zip)['report.html']);
    expect(html).toContain('<img src="post.jpg"');
    expect(html).toContain('<img src="work.png"');
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('墨鹤 &#60;b&#62;');
    for (const fact of ['xiaohongshu', '2024-05-01T23:30:05.000Z', '2024-05-02 07:30:05 GMT+08:00 (Asia/Shanghai)', '91.2%', 'mirror-x', 'hash', '0.1.0', '2023-11-02', sha(postJpeg), sha(workPng)]) {
      expect(html).toContain(fact);
    }
    expect(html).toContain('<a href="https://www.xiaohongshu.com/explore/6650c3a2?xsec_token=AB&#38;x=1"');
    expect(html.match(/<pre[^>]*>/g)).toHaveLength(2);
  });

  test('javascript: URLs are shown, never linked', async () => {
    const html = new TextDecoder().decode(unzipSync((await buildBundle(input)).zip)['report.html']);
    expect(html).toContain('javascript:alert(document.domain)');
    expect(html).toContain('javascript:alert(3)');
    expect(html).not.toMatch(/href="\s*javascript:/i);
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^https?:\/\//);
  });

  test('record.json keeps the facts and hashes, not the data URLs', async () => {
    const record = JSON.parse(new TextDecoder().decode(unzipSync((await buildBundle(input)).zip)['record.json']));
    expect(record.finding.author).toBe(HOSTILE);
    expect(record.finding).not.toHaveProperty('workThumbnail');
    expect(record.evidence.post.sha256).toBe(sha(postJpeg));
    expect(record.case.status).toBe('open');
    expect(record.sha256['work.png']).toBe(sha(workPng));
    expect(JSON.stringify(record)).not.toContain('base64');
  });

  test('names the zip after site, a sanitised post id and the local day', async () => {
    const { name } = await buildBundle(input);
    expect(name).toBe('inkseal-evidence-xiaohongshu-6650c3a2_etc_x_1-20240502.zip');
  });

  test('a post picture that could not be fetched is left out, and the report says why', async () => {
    const evidence = { ...input.evidence, screenshot: undefined, screenshotError: 'tab closed', post: { url: input.finding.stableUrl, error: 'HTTP 403' } };
    const { zip } = await buildBundle({ ...input, evidence });
    const unzipped = unzipSync(zip);
    expect(Object.keys(unzipped).sort()).toEqual(['SHA256SUMS', 'notice-en.txt', 'notice-zh.txt', 'record.json', 'report.html', 'work.png']);
    const html = new TextDecoder().decode(unzipped['report.html']);
    expect(html).toContain('HTTP 403');
    expect(html).toContain('tab closed');
    expect(html).not.toContain('undefined');
  });
});

describe('helpers', () => {
  test('dataUrlBytes decodes base64 and percent-encoded data URLs', () => {
    expect(dataUrlBytes(dataUrl('image/png', workPng))).toEqual({ bytes: workPng, mime: 'image/png' });
    expect(dataUrlBytes('data:text/plain;charset=utf-8,%E5%A2%A8')).toEqual({ bytes: new TextEncoder().encode('墨'), mime: 'text/plain' });
    expect(() => dataUrlBytes('https://example.com/a.png')).toThrow();
  });

  test('sha256Hex agrees with node:crypto', async () => {
    expect(await sha256Hex(postJpeg)).toBe(sha(postJpeg));
  });
});
