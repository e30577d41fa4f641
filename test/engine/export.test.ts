// The Findings page's export as a spreadsheet and a tool would read it: Chinese intact in Excel, quoting per
// RFC 4180, hostile text never turned into a formula, no thumbnails in the JSON.
import { describe, expect, test } from 'vitest';
import { findingsCsv, findingsJson } from '../../src/engine/export';
import type { FindingView } from '../../src/shared/types';

const HEADER = 'id,status,kind,site,post_url,post_id,author,author_id,image_url,display_url,score,work_id,work_name,'
  + 'transform,method,engine_version,first_seen_utc,last_seen_utc,case_status,case_opened_utc';

const base: FindingView = {
  id: 'f1',
  kind: 'copy',
  site: 'xiaohongshu',
  postId: '6650c3a2',
  postUrl: 'https://www.xiaohongshu.com/explore/6650c3a2?xsec_token=AB',
  author: '搬运小号',
  authorId: 'https://www.xiaohongshu.com/user/profile/5f01',
  imageKey: 'xhs:1040g2',
  stableUrl: 'https://ci.xiaohongshu.com/1040g2',
  displayUrl: 'https://sns-webpic-qc.xhscdn.com/1040g2!nd',
  verdict: { kind: 'copy', score: 0.87346, workId: 'w1', workName: '墨鹤', signal: 'hash', transform: 'mirror-x' },
  engineVersion: '0.1.0',
  firstSeen: Date.UTC(2024, 4, 1, 8, 0, 0),
  lastSeen: Date.UTC(2024, 4, 3, 9, 30, 0),
  status: 'reported',
  case: {
    id: 'c1', findingId: 'f1', site: 'xiaohongshu', postId: '6650c3a2', postUrl: 'https://www.xiaohongshu.com/explore/6650c3a2',
    status: 'reported', openedAt: Date.UTC(2024, 4, 2, 10, 0, 0), updatedAt: Date.UTC(2024, 4, 2, 10, 0, 0), notes: '', history: [],
  },
  workThumbnail: 'data:image/jpeg;base64,/9j/4AAQSkZJRg==',
};

/** Splits RFC 4180 text into records of fields (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += c;
  }
  return rows;
}

describe('findingsCsv', () => {
  test('starts with a UTF-8 BOM and one header row, lines end in CRLF', () => {
    const csv = findingsCsv([base]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')[0]).toBe(HEADER);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replaceAll('\r\n', '')).not.toContain('\n');
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  test('one row per finding with every column, Chinese intact, times in UTC', () => {
    const [header, row] = parseCsv(findingsCsv([base]).slice(1));
    expect(Object.fromEntries(header!.map((h, i) => [h, row![i]]))).toEqual({
      id: 'f1', status: 'reported', kind: 'copy', site: 'xiaohongshu',
      post_url: 'https://www.xiaohongshu.com/explore/6650c3a2?xsec_token=AB', post_id: '6650c3a2',
      author: '搬运小号', author_id: 'https://www.xiaohongshu.com/user/profile/5f01',
      image_url: 'https://ci.xiaohongshu.com/1040g2', display_url: 'https://sns-webpic-qc.xhscdn.com/1040g2!nd',
      score: '0.8735', work_id: 'w1', work_name: '墨鹤', transform: 'mirror-x', method: 'hash', engine_version: '0.1.0',
      first_seen_utc: '2024-05-01T08:00:00.000Z', last_seen_utc: '2024-05-03T09:30:00.000Z',
      case_status: 'reported', case_opened_utc: '2024-05-02T10:00:00.000Z',
    });
  });

  test('quotes commas, quotes and line breaks and reads back the same', () => {
    const author = 'Ann, "the copier"\nline two';
    const csv = findingsCsv([{ ...base, author }]);
    expect(csv).toContain('"Ann, ""the copier""\nline two"');
    expect(parseCsv(csv.slice(1))[1]![6]).toBe(author);
  });

  test('a cell that would run as a formula is made text', () => {
    const hostile = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'];
    for (const author of hostile) {
      const cells = parseCsv(findingsCsv([{ ...base, author, verdict: { ...base.verdict!, workName: author } }]).slice(1))[1]!;
      expect(cells[6]).toBe(`'${author}`);
      expect(cells[12]).toBe(`'${author}`);
    }
  });

  test('no verdict, no case and no author leave cells empty, not "undefined"', () => {
    const csv = findingsCsv([{ ...base, kind: 'ai-labelled', verdict: null, case: undefined, author: undefined, authorId: undefined }]);
    expect(csv).not.toMatch(/undefined|null|NaN/);
    expect(parseCsv(csv.slice(1))[1]).toHaveLength(20);
  });

  test('no findings is a header alone', () => {
    expect(findingsCsv([])).toBe(`\uFEFF${HEADER}\r\n`);
  });
});

describe('findingsJson', () => {
  test('is a versioned document of the findings without their thumbnails', () => {
    const doc = JSON.parse(findingsJson([base, { ...base, id: 'f2' }], Date.UTC(2024, 5, 1)));
    expect(doc).toMatchObject({ format: 'inkseal-findings', version: 1, exportedAt: '2024-06-01T00:00:00.000Z' });
    expect(doc.findings.map((f: FindingView) => f.id)).toEqual(['f1', 'f2']);
    expect(doc.findings[0]).not.toHaveProperty('workThumbnail');
    const expected: Partial<FindingView> = { ...base };
    delete expected.workThumbnail;
    expect(doc.findings[0]).toEqual(expected);
    expect(findingsJson([base])).not.toContain('data:image');
  });
});
