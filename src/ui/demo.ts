import { validateDemoManifest, type DemoManifest } from '../bindings/demo-manifest';
import type { PickedFile } from './files';

/** Base URL of the bundled demo files (public/demo/), served with the app. */
const DEMO_BASE = `${import.meta.env.BASE_URL}demo/`;

export async function fetchDemoManifest(): Promise<DemoManifest> {
  const response = await fetch(`${DEMO_BASE}demo.json`);
  if (!response.ok) throw new Error(`The demo manifest could not be loaded (HTTP ${response.status}).`);
  return validateDemoManifest(await response.json());
}

/** Fetches bundled demo files by their paths relative to public/demo/. */
export async function fetchDemoFiles(paths: string[]): Promise<PickedFile[]> {
  return Promise.all(paths.map(async (path) => {
    const response = await fetch(`${DEMO_BASE}${path}`);
    if (!response.ok) throw new Error(`The demo file ${path} could not be loaded (HTTP ${response.status}).`);
    return { path: path.split('/').pop() ?? path, bytes: new Uint8Array(await response.arrayBuffer()) };
  }));
}
