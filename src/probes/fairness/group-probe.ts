/**
 * A group-fairness probe from data: which per-group metrics it reports and which disparities it
 * summarises them by (see group-metrics.ts).
 */
import { defineProbe, throwIfCancelled, type ProbeDefinition } from '../../core/probe';
import type { Json, MetricSpec } from '../../core/types';
import { topClassSamples } from '../../metrics/calibration';
import { readBootstrapParams } from '../params';
import { predictAll } from '../predict-all';
import { decide } from './decisions';
import { analyseGroups, type GroupAnalysisSpec } from './group-analysis';
import { chooseAttributes, readDecisionParams, readGroupingParams } from './params';

/** Parameters every group probe takes. */
export const GROUP_DEFAULTS = {
  threshold: 0.5,
  favourable: '',
  attributes: [] as string[],
  intersections: 2,
  minGroupSize: 30,
  bootstrap: 1000,
  level: 0.95,
};

export interface GroupProbeDefinition {
  id: string;
  version: number;
  title: string;
  description: string;
  metric: MetricSpec;
  secondary: MetricSpec[];
  analysis: GroupAnalysisSpec;
}

export function defineGroupProbe(def: GroupProbeDefinition): ProbeDefinition<Record<string, Json>> {
  const names = [def.metric.name, ...def.secondary.map((s) => s.name)];
  const summaries = def.analysis.summaries.map((s) => s.name);
  if (names.join() !== summaries.join()) {
    throw new Error(`Probe ${def.id}: its metrics (${names.join(', ')}) must be its summaries in the same order (${summaries.join(', ')}).`);
  }
  return defineProbe<Record<string, Json>>({
    id: def.id,
    version: def.version,
    pillar: 'fairness',
    title: def.title,
    description: def.description,
    metric: def.metric,
    secondary: def.secondary,
    requires: { modality: ['tabular'], sensitive: true },
    defaults: { ...GROUP_DEFAULTS },

    async run(ctx) {
      const bootstrap = readBootstrapParams(def.id, ctx.params);
      const decision = readDecisionParams(def.id, ctx.params);
      const grouping = readGroupingParams(def.id, ctx.params);
      const attributes = chooseAttributes(def.id, grouping.attributes, Object.keys(ctx.data.sensitive));
      const labels = ctx.model.labels;
      const probs = await predictAll(ctx, { share: 0.7 });
      throwIfCancelled(ctx.signal);
      const decisions = decide(probs, labels, ctx.data.y, ctx.data.binding, decision, def.id);
      const needsCalibration = def.analysis.metrics.includes('ece') || def.analysis.summaries.some((s) => s.metric === 'ece');
      const analysis = analyseGroups(def.analysis, {
        decisions,
        sensitive: ctx.data.sensitive,
        attributes,
        grouping,
        calibration: needsCalibration ? topClassSamples(probs, labels.length, ctx.data.y) : undefined,
        bootstrap: { ...bootstrap, rng: ctx.rng, signal: ctx.signal },
      });
      ctx.progress(1);
      throwIfCancelled(ctx.signal);
      return {
        ...analysis.headline,
        groups: analysis.groups,
        secondary: analysis.secondary,
        notes: analysis.notes,
        details: analysis.details,
      };
    },
  });
}
