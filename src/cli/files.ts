import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { ModelFile } from '../core/types';

/** Extensions a dataset folder may hold; everything else (licences, readmes) is left alone. */
const DATASET_EXTENSIONS = new Set(['.csv', '.json', '.gz', '.idx', '.ubyte', '.png', '.jpg', '.jpeg']);

/**
 * Reads a model: an .onnx or .zip file, or a TF.js model.json with the files of its own folder
 * (the runtime picks the shards its manifest names and refuses paths that leave the folder).
 */
export async function readModelFiles(path: string): Promise<ModelFile[]> {
  const info = await statOrExplain(path, 'model');
  if (info.isDirectory()) return readFolder(path, () => true);
  if (basename(path).endsWith('.json')) {
    const folder = join(path, '..');
    // Shards only: another model format in the same folder (an .onnx twin) is not part of this one.
    const others = await readFolder(folder, (name) => !/\.(json|onnx|zip)$/i.test(name));
    return [{ path: basename(path), bytes: await readBytes(path) }, ...others];
  }
  return [{ path: basename(path), bytes: await readBytes(path) }];
}

/** Reads dataset files: each path a file or a folder of data files. */
export async function readDatasetFiles(paths: string[]): Promise<{ path: string; bytes: Uint8Array }[]> {
  const files: { path: string; bytes: Uint8Array }[] = [];
  for (const path of paths) {
    const info = await statOrExplain(path, 'dataset');
    if (info.isDirectory()) {
      files.push(...(await readFolder(path, (name) => DATASET_EXTENSIONS.has(extname(name).toLowerCase()))));
    } else {
      files.push({ path: basename(path), bytes: await readBytes(path) });
    }
  }
  return files;
}

async function readFolder(folder: string, keep: (name: string) => boolean): Promise<ModelFile[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const names = entries.filter((e) => e.isFile() && keep(e.name)).map((e) => e.name).sort();
  return Promise.all(names.map(async (name) => ({ path: name, bytes: await readBytes(join(folder, name)) })));
}

async function readBytes(path: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path));
}

async function statOrExplain(path: string, what: string) {
  try {
    return await stat(path);
  } catch {
    throw new Error(`The ${what} path '${path}' does not exist. Check the spelling, or give an absolute path.`);
  }
}
