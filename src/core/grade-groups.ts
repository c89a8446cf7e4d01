/**
 * Which groups a disparity compares, read from a measurement's free-form details, so a report can
 * say "the selection-rate ratio for Female vs Male". The fairness group probes write
 * `details.worst[metric]` (the partition, e.g. "sex", where the metric is worst) and
 * `details.partitions[].summaries[metric].lowGroup / highGroup` (src/probes/fairness/group-analysis.ts).
 * Any other shape gives null: details come from stored runs of any version and are only read.
 */
import type { Json, Measurement } from './types';

type JsonObject = { [key: string]: Json };
const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "Female vs Male (sex)" (lowest vs highest group, and the attribute), or null when the measurement does not say. */
export function comparedGroups(measurement: Measurement, metric: string): string | null {
  const details = measurement.details;
  if (!isObject(details) || !isObject(details.worst)) return null;
  const partitionName = details.worst[metric];
  if (typeof partitionName !== 'string' || !Array.isArray(details.partitions)) return null;
  const partition = details.partitions.find((p): p is JsonObject => isObject(p) && p.name === partitionName);
  const summary = partition && isObject(partition.summaries) ? partition.summaries[metric] : undefined;
  if (!isObject(summary) || typeof summary.lowGroup !== 'string' || typeof summary.highGroup !== 'string') return null;
  return `${summary.lowGroup} vs ${summary.highGroup} (${partitionName})`;
}
