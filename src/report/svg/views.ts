/**
 * The report's detail view of each probe, by probe id: the charts, pictures and tables the app's
 * probe card shows (src/ui/pillars/*.ts), as HTML strings. A probe without a view, or whose
 * details do not fit the reader, shows only its measurement.
 */
import type { Measurement } from '../../core/types';
import { explainabilityReportViews } from './explainability';
import { fairnessReportViews } from './fairness';
import { privacyReportViews } from './privacy';
import { robustnessReportViews } from './robustness';

export const reportDetailViews: Readonly<Partial<Record<string, (m: Measurement) => string>>> = {
  ...robustnessReportViews,
  ...fairnessReportViews,
  ...explainabilityReportViews,
  ...privacyReportViews,
};

/** The detail view of one probe's measurement, or '' when there is none. */
export function detailView(probeId: string, m: Measurement): string {
  const view = reportDetailViews[probeId];
  return view && m.details ? view(m) : '';
}
