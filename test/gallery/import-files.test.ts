// Folders, picked or dropped, become a list of files in name order; their obvious clutter is left out silently,
// while loose files (picked or dropped on their own) are always kept, to be reported on if they are no picture.
import { describe, expect, test } from 'vitest';
import { fromDrop, fromInput, isFolderClutter } from '../../src/gallery/import-files';

const file = (name: string, path = '') => {
  const f = new File([new Uint8Array([1])], name);
  if (path) Object.defineProperty(f, 'webkitRelativePath', { value: path });
  return f;
};

/** A FileSystemEntry tree as Chrome hands it out: directories read in batches of `batch`. */
function entry(path: string, children?: FileSystemEntry[], batch = 100): FileSystemEntry {
  const name = path.split('/').at(-1)!;
  const base = { name, fullPath: `/${path}`, isFile: !children, isDirectory: !!children };
  if (!children) return { ...base, file: (ok: (f: File) => void) => ok(file(name)) } as unknown as FileSystemEntry;
  return {
    ...base,
    createReader: () => {
      let at = 0;
      return { readEntries: (ok: (e: FileSystemEntry[]) => void) => { ok(children.slice(at, at + batch)); at += batch; } };
    },
  } as unknown as FileSystemEntry;
}

describe('clutter', () => {
  test.each(['notes.txt', 'README.TXT', 'metadata.json', '.DS_Store', 'Thumbs.db', 'thumbs.db', 'desktop.ini', '._春狐.png'])('%s is clutter', (n) => {
    expect(isFolderClutter(n)).toBe(true);
  });
  test.each(['春狐.png', 'sketch.psd', 'commission.pdf', 'archive.zip', 'IMG_0001.HEIC', 'no-extension'])('%s is reported on', (n) => {
    expect(isFolderClutter(n)).toBe(false);
  });
});

describe('picked', () => {
  test('loose files keep their order and are never filtered', () => {
    const picked = fromInput([file('b.png'), file('notes.txt'), file('a.png')], false);
    expect(picked.map((p) => p.label)).toEqual(['b.png', 'notes.txt', 'a.png']);
  });

  test('a folder drops its clutter and is labelled by path, in natural order', () => {
    const picked = fromInput([
      file('img10.png', 'art/img10.png'), file('.DS_Store', 'art/.DS_Store'), file('img2.png', 'art/img2.png'),
      file('info.json', 'art/info.json'), file('cover.pdf', 'art/old/cover.pdf'),
    ], true);
    expect(picked.map((p) => p.label)).toEqual(['art/img2.png', 'art/img10.png', 'art/old/cover.pdf']);
    expect(picked[0]!.file.name).toBe('img2.png');
  });
});

describe('dropped', () => {
  test('folders are walked to the bottom, past the first batch of entries, clutter left out', async () => {
    const many = Array.from({ length: 130 }, (_, i) => entry(`big/p${i}.png`));
    const dropped = [
      entry('loose.txt'),
      entry('art', [
        entry('art/b.png'), entry('art/Thumbs.db'), entry('art/notes.txt'), entry('art/a.png'),
        entry('art/wip', [entry('art/wip/c.png'), entry('art/wip/brief.docx')]),
      ]),
      entry('big', many),
    ];
    const picked = await fromDrop(dropped);
    const labels = picked.map((p) => p.label);
    // A loose .txt is the artist's explicit choice: it is reported, not skipped.
    expect(labels.slice(0, 5)).toEqual(['loose.txt', 'art/a.png', 'art/b.png', 'art/wip/brief.docx', 'art/wip/c.png']);
    expect(labels).toHaveLength(5 + 130);
    expect(labels.at(-1)).toBe('big/p129.png');
  });

  test('dropped files without entries are taken as they are', async () => {
    const f = file('x.png');
    expect(await fromDrop([f])).toEqual([{ file: f, label: 'x.png' }]);
  });
});
