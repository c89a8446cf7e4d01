import type { TemplateResult } from 'lit';
import type { Measurement, ProbeResult } from '../../core/types';
import { privacyViews } from './privacy';
import { robustnessViews } from './robustness';
import { fairnessViews } from './fairness';
import { explainabilityViews } from './explainability';

/** How a pillar draws one probe's `details` (charts, tables, pictures) inside its probe card. */
export interface DetailView {
  /** The detail keys this view shows, so the card does not also list them as raw data. */
  keys: string[];
  render(measurement: Measurement, result: ProbeResult): TemplateResult;
  /**
   * Work to do before the card is drawn, in small steps with a `yield` between them (e.g. encoding
   * its pictures), so that drawing the card itself stays short. The page runs it in slices.
   */
  prepare?(measurement: Measurement): Iterable<unknown>;
}

/**
 * Detail views by probe id. Each pillar keeps its views in its own file in this folder
 * (e.g. `fairness.ts` exporting `fairnessViews`) and adds one spread here.
 */
export const detailViews: Readonly<Record<string, DetailView>> = {
  ...privacyViews,
  ...robustnessViews,
  ...fairnessViews,
  ...explainabilityViews,
};

/** What to do before drawing the card of `result`, in small steps; nothing for most probes. */
export function prepareDetails(result: ProbeResult): Iterable<unknown> {
  const view = detailViews[result.probeId];
  return result.measurement && view?.prepare ? view.prepare(result.measurement) : [];
}
