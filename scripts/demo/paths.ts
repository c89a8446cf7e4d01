/** Where the demo generator reads and writes, relative to the repository root. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Generated demo files, served by Vite at /demo/. */
export const DEMO_DIR = join(REPO_ROOT, 'public', 'demo');
/** Where the demo models' KnownBinding files go (src/bindings/demo-<id>.json). */
export const BINDINGS_DIR = join(REPO_ROOT, 'src', 'bindings');
