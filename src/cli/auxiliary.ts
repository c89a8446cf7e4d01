/**
 * `--auxiliary role=path`, shared by `evaluate` and `rerun`: a second dataset for the probes that
 * need one — `ood` (another distribution, for out-of-distribution detection; its labels are not
 * used) or `non-members` (rows known not to be training data, for membership inference).
 */
import { basename, resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { AuxiliaryRole } from '../core/types';

export const AUXILIARY_ROLES: readonly AuxiliaryRole[] = ['ood', 'non-members'];

/** Commander's parser for a repeatable `--auxiliary role=path`: collects the specs in order. */
export function auxiliaryOption(value: string, previous: string[] = []): string[] {
  const spec = parseAuxiliarySpec(value);
  if (previous.some((p) => parseAuxiliarySpec(p).role === spec.role)) {
    throw new InvalidArgumentError(`gives a second ${spec.role} dataset; give one dataset per role.`);
  }
  return [...previous, value];
}

/** `ood=fashion/` → { role: 'ood', path: 'fashion/' }; throws InvalidArgumentError with an example otherwise. */
export function parseAuxiliarySpec(value: string): { role: AuxiliaryRole; path: string } {
  const match = /^([\w-]+)=(.+)$/.exec(value);
  if (!match || !AUXILIARY_ROLES.includes(match[1] as AuxiliaryRole)) {
    throw new InvalidArgumentError(`should be role=path with role ${AUXILIARY_ROLES.join(' or ')}, e.g. ood=fashion-samples/ or non-members=holdout.csv.`);
  }
  return { role: match[1] as AuxiliaryRole, path: match[2] };
}

/** The name a second dataset is shown under: its file or folder name. */
export function auxiliaryName(path: string): string {
  return basename(resolve(path));
}
