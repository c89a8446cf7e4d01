/** What a group is called and what its metrics are called, in the report and the UI. */
import type { Partition } from '../../metrics/fairness-cells';
import { RATES, type RateMetric } from '../../metrics/fairness-groups';

/** A per-group metric: a rate of the decisions, or the group's calibration error. */
export type GroupMetric = RateMetric | 'ece';

export const GROUP_METRIC_TITLES: Record<GroupMetric, string> = {
  ...Object.fromEntries(Object.entries(RATES).map(([k, v]) => [k, v.title])) as Record<RateMetric, string>,
  ece: 'Expected calibration error',
};

/** "sex=Female × race=Black". */
export function groupName(partition: Partition, g: number): string {
  return partition.attributes.map((a, k) => `${a}=${partition.groups[g].values[k]}`).join(' × ');
}
