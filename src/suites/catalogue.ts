import type { Modality, Suite, TaskKind } from '../core/types';
import type { PillarSuites } from './pillars/types';
import { validitySuites } from './pillars/validity';
import { privacySuites } from './pillars/privacy';
import { fairnessSuites } from './pillars/fairness';
import { robustnessSuites } from './pillars/robustness';
import { explainabilitySuites } from './pillars/explainability';

/**
 * The suites TrustGrade ships, as data. A suite is unique by (id, modality, task); change its
 * `version` whenever its probe list or any parameter changes, so runs under different versions
 * are never silently compared. Each pillar's probes come from its file in pillars/.
 */

/** Pillars in the order their probes run and are reported; add a pillar's file here. */
const pillars: PillarSuites[] = [validitySuites, robustnessSuites, fairnessSuites, explainabilitySuites, privacySuites];

const kinds: { modality: Modality; task: TaskKind }[] = [
  { modality: 'tabular', task: 'binary-classification' },
  { modality: 'tabular', task: 'multiclass-classification' },
  { modality: 'image', task: 'binary-classification' },
  { modality: 'image', task: 'multiclass-classification' },
];

const QUICK = {
  id: 'quick',
  version: 2,
  title: 'Quick look',
  description: 'A first look in seconds: accuracy and calibration, group fairness where the binding names sensitive columns, and a small adversarial-attack check for image models, with 200-resample bootstrap intervals. Not a full evaluation: pillars it does not measure are not assessed.',
};

const STANDARD = {
  id: 'standard',
  version: 2,
  title: 'Standard evaluation',
  description: 'The complete evaluation a grade is based on: every pillar that applies to this kind of model and data, with 1,000-resample bootstrap intervals.',
};

export const suites: Suite[] = [
  ...kinds.map(({ modality, task }): Suite => ({ ...QUICK, modality, task, probes: pillars.flatMap((p) => p.quick(modality, task)) })),
  ...kinds.map(({ modality, task }): Suite => ({ ...STANDARD, modality, task, probes: pillars.flatMap((p) => p.standard(modality, task)) })),
];

/** Thrown when no suite has the id for this kind of model and data. */
export class UnknownSuiteError extends Error {
  constructor(id: string, modality: Modality, task: TaskKind, valid: string[]) {
    super(
      valid.length === 0
        ? `There is no suite for ${modality} ${task} models.`
        : `There is no suite "${id}" for ${modality} ${task} models. Choose one of: ${valid.join(', ')}.`,
    );
    this.name = 'UnknownSuiteError';
  }
}

/** The suite with this id for the model's modality and task. */
export function findSuite(id: string, modality: Modality, task: TaskKind): Suite {
  const candidates = suites.filter((s) => s.modality === modality && s.task === task);
  const suite = candidates.find((s) => s.id === id);
  if (!suite) throw new UnknownSuiteError(id, modality, task, candidates.map((s) => s.id));
  return suite;
}
