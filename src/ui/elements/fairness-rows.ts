/**
 * What the fairness charts draw, as plain rows: bars of one metric over a partition's groups, the
 * disparity table's rows, flip rates per attribute and mean benefit per group. Pure, shared by the
 * app's Lit elements and the exported HTML report (src/report/svg/fairness.ts), so both draw the
 * same numbers.
 */
import type { BarRow } from './fairness-chart-math';
import type { CounterfactualAttribute, FairnessPartition, GroupDetails, InequalityPartition, PartitionSummary } from './fairness-details';

/** One fairness criterion in one partition: its difference and ratio between groups. */
export interface DisparityRow {
  /** e.g. "Demographic parity". */
  criterion: string;
  partition: string;
  difference: PartitionSummary | null;
  ratio: PartitionSummary | null;
  /** Read the ratio against the four-fifths rule (selection rates). */
  fourFifths: boolean;
  /** This partition gives the probe's reported (worst-case) difference / ratio. */
  worstDifference: boolean;
  worstRatio: boolean;
}

/** Bars of one metric over the groups of one partition. */
export function barRows(partition: FairnessPartition, metric: string): BarRow[] {
  return partition.groups.map((g) => {
    const m = g.metrics[metric];
    return {
      label: g.label,
      value: m?.value ?? null,
      low: m?.low ?? null,
      high: m?.high ?? null,
      n: metric === 'selection_rate' ? g.n : g.labelled,
      status: g.status,
      reason: m?.reason ?? null,
    };
  });
}

/** "dp_difference" and "dp_ratio" → "dp"; "average_odds_difference" → "average_odds". */
const criterionOf = (name: string): string => name.replace(/_(difference|ratio)$/, '');

/** The disparities as table rows: one per criterion and partition, difference and ratio side by side. */
export function disparityRows(details: GroupDetails): DisparityRow[] {
  const criteria: { key: string; title: string; difference?: string; ratio?: string; selection: boolean }[] = [];
  for (const s of details.summaries) {
    const key = criterionOf(s.name);
    let c = criteria.find((x) => x.key === key);
    if (!c) criteria.push(c = { key, title: s.title.replace(/ (difference|ratio)\b.*$/i, ''), selection: false });
    if (s.kind === 'ratio') c.ratio = s.name;
    else c.difference = s.name;
    if (s.metric === 'selection_rate') c.selection = true;
  }
  return criteria.flatMap((c) => details.partitions.map((p): DisparityRow => ({
    criterion: c.title,
    partition: p.name,
    difference: c.difference ? p.summaries[c.difference] ?? null : null,
    ratio: c.ratio ? p.summaries[c.ratio] ?? null : null,
    fourFifths: c.selection,
    worstDifference: c.difference !== undefined && details.worst[c.difference] === p.name,
    worstRatio: c.ratio !== undefined && details.worst[c.ratio] === p.name,
  })));
}

/** Four-fifths of the highest judged selection rate, for the reference line. */
export function fourFifthsLine(rows: BarRow[]): { value: number; label: string } | null {
  const judged = rows.filter((r) => r.status === 'ok' && r.value !== null).map((r) => r.value!);
  if (judged.length < 2) return null;
  return { value: 0.8 * Math.max(...judged), label: '4/5 of the highest rate' };
}

/** Flip rate per sensitive attribute as bars; untestable attributes carry their reason. */
export function flipRows(attributes: CounterfactualAttribute[]): BarRow[] {
  return attributes.map((a) => ({
    label: a.attribute,
    value: a.testable ? a.flipRate : null,
    low: a.low,
    high: a.high,
    n: a.rows,
    status: a.testable ? 'ok' : 'untestable',
    reason: a.testable ? (a.flipRate === null ? 'no row has a value to change' : null) : a.reason,
  }));
}

/** Mean benefit per group of a partition (groups under the minimum size drawn faintly). */
export function benefitRows(p: InequalityPartition, minGroupSize: number | null): BarRow[] {
  return p.groups.map((g) => ({
    label: g.label,
    value: g.meanBenefit,
    low: g.low,
    high: g.high,
    n: g.labelled,
    status: minGroupSize !== null && g.labelled < minGroupSize ? 'insufficient-data' : 'ok',
    reason: g.meanBenefit === null ? 'no labelled rows' : null,
  }));
}
