import type { Modality, ProbeConfig, Suite, TaskKind } from '../core/types';

/**
 * The suites TrustGrade ships, as data. A suite is unique by (id, modality, task); change its
 * `version` whenever its probe list or any parameter changes, so runs under different versions
 * are never silently compared. Each pillar appends its probes to the lists below.
 */

const quickValidity: ProbeConfig[] = [
  { id: 'validity/accuracy', params: { bootstrap: 200 } },
  { id: 'validity/calibration', params: { bootstrap: 200 } },
];

const standardValidity: ProbeConfig[] = [
  { id: 'validity/accuracy', params: { bootstrap: 1000 } },
  { id: 'validity/calibration', params: { bootstrap: 1000 } },
];

const QUICK = {
  id: 'quick',
  version: 1,
  title: 'Quick look',
  description: 'A first look in seconds: accuracy and calibration with 200-resample bootstrap intervals. Not a full evaluation: pillars it does not measure are not assessed.',
};

const STANDARD = {
  id: 'standard',
  version: 1,
  title: 'Standard evaluation',
  description: 'The complete evaluation a grade is based on: every pillar that applies to this kind of model and data, with 1,000-resample bootstrap intervals.',
};

export const suites: Suite[] = [
  { ...QUICK, modality: 'tabular', task: 'binary-classification', probes: [...quickValidity] },
  { ...QUICK, modality: 'tabular', task: 'multiclass-classification', probes: [...quickValidity] },
  { ...QUICK, modality: 'image', task: 'binary-classification', probes: [...quickValidity] },
  { ...QUICK, modality: 'image', task: 'multiclass-classification', probes: [...quickValidity] },
  { ...STANDARD, modality: 'tabular', task: 'binary-classification', probes: [...standardValidity] },
  { ...STANDARD, modality: 'tabular', task: 'multiclass-classification', probes: [...standardValidity] },
  { ...STANDARD, modality: 'image', task: 'binary-classification', probes: [...standardValidity] },
  { ...STANDARD, modality: 'image', task: 'multiclass-classification', probes: [...standardValidity] },
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
