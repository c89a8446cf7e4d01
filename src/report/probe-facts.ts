import { getProbe } from '../probes/registry';

export interface ReportProbeFacts {
  title: string;
  description: string;
  metricName: string;
  metricTitle: string;
  secondaryTitles: Record<string, string>;
}

/** What this build knows about a probe, or null for a probe it does not have (a run from another version). */
export function probeFacts(id: string): ReportProbeFacts | null {
  try {
    const probe = getProbe(id);
    return {
      title: probe.title,
      description: probe.description,
      metricName: probe.metric.name,
      metricTitle: probe.metric.title,
      secondaryTitles: Object.fromEntries((probe.secondary ?? []).map((s) => [s.name, s.title])),
    };
  } catch {
    return null;
  }
}
