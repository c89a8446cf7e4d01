import type { Backend, BackendChoice, ModelFile } from '../core/types';
import type { ModelAdapter } from './adapter';
import { backendChoices, resolveBackendOrder, type Host } from './backends';
import { ModelError, messageOf } from './errors';
import { readModelSource, type ModelSource } from './inspect';
import { withRandomizedCopy } from './randomize';
import { assertRunnable } from './tensors';

/** Opens a model source on one backend, or throws why that backend cannot run it. */
export type BackendLoader = (source: ModelSource, backend: Backend) => Promise<ModelAdapter>;

/**
 * Reads the files, refuses models TrustGrade cannot use, then tries the backends in table order
 * and returns the first that opens. When one was skipped, `info.backendNote` says why.
 */
export async function openOnFirstBackend(
  files: ModelFile[],
  choice: BackendChoice,
  host: Host,
  load: BackendLoader,
): Promise<ModelAdapter> {
  const source = await readModelSource(files);
  assertRunnable(source.inspected);
  const order = resolveBackendOrder(source.format, choice, host);
  const failures: { backend: Backend; reason: string }[] = [];
  for (const backend of order) {
    try {
      const adapter = withRandomizedCopy(await load(source, backend), source, backend, load);
      if (failures.length > 0) {
        adapter.info.backendNote = `${failures.map((f) => `${f.backend} could not be used (${f.reason})`).join('; ')}; using ${backend}.`;
      }
      return adapter;
    } catch (error) {
      failures.push({ backend, reason: messageOf(error) });
    }
  }
  const tried = failures.map((f) => `${f.backend}: ${f.reason}`).join('; ');
  const others = backendChoices(source.format, host).filter((c) => c === 'auto' || !order.includes(c));
  throw new ModelError(
    `${source.inspected.name} could not be opened (${tried}). ` +
      (others.length > 0 ? `Try another backend (${others.join(', ')}), or ` : '') +
      'check that the model only uses operators and types this engine supports (exporting it again with a lower opset often helps).',
  );
}
