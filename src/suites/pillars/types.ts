import type { Modality, ProbeConfig, TaskKind } from '../../core/types';

/**
 * What one pillar adds to the quick and the standard suite for a kind of model and data. Each
 * pillar keeps its part in its own file here; the catalogue concatenates them in pillar order.
 */
export interface PillarSuites {
  quick(modality: Modality, task: TaskKind): ProbeConfig[];
  standard(modality: Modality, task: TaskKind): ProbeConfig[];
}
