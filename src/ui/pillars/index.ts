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
