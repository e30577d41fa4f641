// What the artist handed over, as a list of files: picked files, a picked folder (webkitdirectory) or anything
// dropped, folders walked through DataTransferItem.webkitGetAsEntry(). Folders carry clutter the artist never
// meant to add (system files, notes), which is left out silently; everything else is reported on.

export interface Picked {
  file: File;
  /** The file's path inside the folder it came in, else its name: what the summary shows. */
  label: string;
}

/** Obviously not pictures, by name: the system's folder files, the artist's notes and exports' sidecars. */
const CLUTTER = [/\.txt$/i, /\.json$/i, /^\.DS_Store$/i, /^Thumbs\.db$/i, /^desktop\.ini$/i,
  // macOS AppleDouble companions ("._picture.png") that copying to a USB stick or unzipping leaves behind.
  /^\._/];

export const isFolderClutter = (name: string): boolean => CLUTTER.some((re) => re.test(name));

const byPath = (a: Picked, b: Picked) => a.label.localeCompare(b.label, undefined, { numeric: true });

/** Files from an <input type=file>; `folder` when it is the webkitdirectory one. */
export function fromInput(files: Iterable<File>, folder: boolean): Picked[] {
  if (!folder) return [...files].map((file) => ({ file, label: file.name }));
  return [...files]
    .filter((file) => !isFolderClutter(file.name))
    .map((file) => ({ file, label: file.webkitRelativePath || file.name }))
    .sort(byPath);
}

/**
 * The dropped items' entries. Call it inside the drop handler: the DataTransfer is emptied once the event has
 * been handled, so walking happens afterwards from these.
 */
export function dropEntries(data: DataTransfer): (FileSystemEntry | File)[] {
  const items = [...data.items].filter((i) => i.kind === 'file');
  // Without entries (an old engine), only the top-level files are reachable.
  if (!items.length || typeof items[0]!.webkitGetAsEntry !== 'function') return [...data.files];
  return items.map((i) => i.webkitGetAsEntry() ?? i.getAsFile()).filter((x): x is FileSystemEntry | File => x !== null);
}

const isDirectory = (e: FileSystemEntry): e is FileSystemDirectoryEntry => e.isDirectory;
const isFile = (e: FileSystemEntry): e is FileSystemFileEntry => e.isFile;

async function children(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  // readEntries hands out a folder in batches (Chrome: 100) until it returns an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) return all;
    all.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, inFolder: boolean, out: Picked[]): Promise<void> {
  if (isFile(entry)) {
    if (inFolder && isFolderClutter(entry.name)) return;
    const file = await new Promise<File>((resolve, reject) => entry.file(resolve, reject));
    out.push({ file, label: inFolder ? entry.fullPath.replace(/^\//, '') : file.name });
  } else if (isDirectory(entry)) {
    const found: Picked[] = [];
    for (const child of await children(entry)) await walk(child, true, found);
    out.push(...found.sort(byPath));
  }
}

/** Every file in what was dropped, folders walked depth-first, each folder's files in name order. */
export async function fromDrop(entries: readonly (FileSystemEntry | File)[]): Promise<Picked[]> {
  const out: Picked[] = [];
  for (const e of entries) {
    if (e instanceof File) out.push({ file: e, label: e.name });
    else await walk(e, false, out);
  }
  return out;
}
