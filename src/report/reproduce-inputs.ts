/**
 * The checks a re-run makes on the files it is given before running anything: each must be the
 * exact bytes the report names (same SHA-256). Shared by the app and `trustgrade rerun`, so both
 * refuse a wrong file with the same words. Each returns null when the file matches.
 */
import type { AuxiliaryRole, Run } from '../core/types';

/** What each second dataset is called in messages and labels. */
export const AUXILIARY_WORDS: Record<AuxiliaryRole, string> = { ood: 'OOD set', 'non-members': 'non-member set' };

export function modelMismatch(original: Run, sha256: string): string | null {
  return sha256 === original.model.sha256
    ? null
    : `The model's SHA-256 is ${sha256}, but the report was made with ${original.model.sha256} (${original.model.name}): this is not the same model file. Give the exact model the report names.`;
}

export function datasetMismatch(original: Run, sha256: string): string | null {
  return sha256 === original.dataset.sha256
    ? null
    : `The dataset's SHA-256 is ${sha256}, but the report was made with ${original.dataset.sha256} (${original.dataset.name}): these are not the same bytes. Give the exact dataset the report names.`;
}

export function auxiliaryMismatch(original: Run, role: AuxiliaryRole, sha256: string): string | null {
  const recorded = original.auxiliary?.find((a) => a.role === role);
  if (!recorded) return `The report used no ${AUXILIARY_WORDS[role]}, so none is needed.`;
  return sha256 === recorded.dataset.sha256
    ? null
    : `The ${AUXILIARY_WORDS[role]}'s SHA-256 is ${sha256}, but the report used ${recorded.dataset.sha256} (${recorded.dataset.name}): these are not the same bytes.`;
}

/** The second datasets the report used that were not given: the probes that read them will not reproduce. */
export function missingAuxiliary(original: Run, given: readonly AuxiliaryRole[]): string[] {
  return (original.auxiliary ?? [])
    .filter((a) => !given.includes(a.role))
    .map((a) => `The report used a second dataset, the ${AUXILIARY_WORDS[a.role]} '${a.dataset.name}': give it, or the probes that read it will not reproduce.`);
}
