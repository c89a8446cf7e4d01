/** A file as the engine wants it: a path inside its folder, and its bytes. */
export interface PickedFile {
  path: string;
  bytes: Uint8Array;
}

/** Reads files chosen with an <input type="file"> (with or without `webkitdirectory`). */
export async function readPickedFiles(list: FileList | File[]): Promise<PickedFile[]> {
  const files = [...list];
  return Promise.all(files.map(async (file) => ({
    path: baseName(file.webkitRelativePath || file.name),
    bytes: new Uint8Array(await file.arrayBuffer()),
  })));
}

/** Reads a drop: files and whole folders (one level of a dropped folder is enough for a model or dataset). */
export async function readDroppedFiles(transfer: DataTransfer): Promise<PickedFile[]> {
  const entries = [...transfer.items]
    .map((item) => item.webkitGetAsEntry?.())
    .filter((entry): entry is FileSystemEntry => Boolean(entry));
  if (entries.length === 0) return readPickedFiles(transfer.files);
  const files: File[] = [];
  for (const entry of entries) files.push(...(await filesOf(entry)));
  return readPickedFiles(files);
}

async function filesOf(entry: FileSystemEntry): Promise<File[]> {
  if (entry.isFile) {
    return [await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject))];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  const files = await Promise.all(children.filter((c) => c.isFile).map(filesOf));
  return files.flat();
}

function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}
