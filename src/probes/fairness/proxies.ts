import { defineProbe, throwIfCancelled } from '../../core/probe';
import type { GroupEstimate, Interval, Json, TabularBinding } from '../../core/types';
import { groupSeparation } from '../../metrics/association';
import { codeCells } from '../../metrics/fairness-cells';
import { intervalNotes, seededIntervals } from '../estimates';
import { numberBetweenParam, readBootstrapParams, wholeNumberParam } from '../params';
import { chooseAttributes, stringListParam } from './params';
import { excludedColumns, readProxyColumns, type ProxyColumn } from './proxy-columns';
import { ProxyTables } from './proxy-tables';

const ID = 'fairness/proxies';

type Measure = 'cramers_v' | 'correlation_ratio';

interface CodedAttribute {
  name: string;
  codes: Int32Array;
  values: string[];
}

export default defineProbe<Record<string, Json>>({
  id: ID,
  version: 1,
  pillar: 'fairness',
  title: 'Proxy features',
  description:
    'Looks for columns that stand in for a sensitive attribute: a model that never sees sex can still treat people by sex ' +
    'through a column that encodes it. For every other raw column (target, split and the sensitive columns and their sources ' +
    'left out), measures its association with each sensitive attribute: Cramér\'s V for categorical columns, the correlation ' +
    'ratio η for numeric ones (with the single-feature AUC for how well the value alone separates a group), and flags ' +
    'those at or above a threshold. Seeded bootstrap intervals. Needs no predictions.',
  metric: {
    name: 'max_association',
    title: 'Strongest proxy association',
    direction: 'lower',
    range: [0, 1],
    definition:
      'Largest association between a non-sensitive column and a sensitive attribute: Cramér\'s V (scipy.stats.contingency.association, ' +
      'method="cramer") for categorical columns, the correlation ratio η = √(SS_between / SS_total) for numeric ones.',
  },
  requires: { modality: ['tabular'], sensitive: true },
  defaults: { attributes: [], flagAt: 0.3, maxCategories: 50, bootstrap: 1000, level: 0.95 },

  async run(ctx) {
    const settings = { ...readBootstrapParams(ID, ctx.params), rng: ctx.rng, signal: ctx.signal };
    const flagAt = numberBetweenParam(ID, ctx.params, 'flagAt', 0, 1);
    const maxCategories = wholeNumberParam(ID, ctx.params, 'maxCategories', 2, 100_000);
    const names = chooseAttributes(ID, stringListParam(ID, ctx.params, 'attributes'), Object.keys(ctx.data.sensitive));
    ctx.progress(0.05, 'Reading the columns');
    throwIfCancelled(ctx.signal);
    const table = ctx.data.dataset.data;
    const n = ctx.data.n;
    const columns = table.kind === 'tabular' ? readProxyColumns(table, ctx.data.binding as TabularBinding, n, names, maxCategories) : [];
    const coding = codeCells(names, names.map((name) => ctx.data.sensitive[name]));
    const attributes: CodedAttribute[] = names.map((name, a) => ({
      name, codes: coding.cellOf.map((c) => coding.cellValues[c][a]), values: coding.values[a],
    }));
    const tables = new ProxyTables(columns, coding);
    const pairs = tables.pairs.map((p, k) => ({ ...p, name: `c${p.column}:a${p.attribute}`, k }));
    const statistic = (idx: Int32Array | null): Record<string, number | null> => {
      const scores = tables.scores(idx);
      const out: Record<string, number | null> = {};
      let best: number | null = null;
      pairs.forEach((p) => {
        const v = scores[p.k].value;
        out[p.name] = v;
        if (v !== null && (best === null || v > best)) best = v;
      });
      out.max_association = best;
      return out;
    };
    const point = tables.scores(null);
    const intervals = seededIntervals([...pairs.map((p) => p.name), 'max_association'], n, statistic, settings);
    ctx.progress(1);
    throwIfCancelled(ctx.signal);

    const rows = columns.map((column, c) => {
      if (column.kind === 'skipped') return { column: column.column, kind: 'skipped', reason: column.reason, associations: [] as Json[], strongest: null as number | null };
      const associations = pairs.map((p, k) => ({ p, k })).filter(({ p }) => p.column === c).map(({ p, k }) => {
        const value = point[k].value;
        const interval: Interval | null = intervals[p.name];
        const auc = column.kind === 'numeric' ? strongestAuc(column.values, attributes[p.attribute]) : null;
        return {
          attribute: attributes[p.attribute].name,
          measure: p.measure,
          value,
          ...(value === null ? { reason: point[k].reason ?? 'undefined' } : {}),
          ...(interval ? { low: interval.low, high: interval.high } : {}),
          ...(auc ? { auc: auc.auc, aucGroup: auc.group } : {}),
          flagged: value !== null && value >= flagAt,
        };
      });
      const defined = associations.map((a) => a.value).filter((v): v is number => v !== null);
      return { column: column.column, kind: column.kind, associations, strongest: defined.length ? Math.max(...defined) : null };
    }).sort((a, b) => (b.strongest ?? -1) - (a.strongest ?? -1));

    const flagged = rows.flatMap((r) => (r.associations as { attribute: string; value: number | null; flagged: boolean; measure: Measure }[])
      .filter((a) => a.flagged).map((a) => ({ column: r.column, ...a })))
      .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
    const headlineValue = statistic(null).max_association;
    // Per-pair values for the report: the flagged pairs (every pair is in the details' column list).
    const groups: GroupEstimate[] = pairs.filter((p) => (point[p.k].value ?? -1) >= flagAt).map((p) => ({
      group: `${columns[p.column].column} ~ ${attributes[p.attribute].name}`,
      status: 'ok' as const,
      value: point[p.k].value,
      interval: intervals[p.name],
      n,
    })).sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
    const skipped = columns.filter((c): c is Extract<ProxyColumn, { kind: 'skipped' }> => c.kind === 'skipped');
    return {
      ...(headlineValue === null
        ? { value: null, interval: null, n, undefinedReason: pairs.length === 0 ? 'there is no other column to compare with the sensitive attributes' : 'no association could be computed' }
        : { value: headlineValue, interval: intervals.max_association, n }),
      groups,
      secondary: {},
      notes: [
        flagged.length === 0
          ? `No column reaches the flag threshold of ${flagAt} with any sensitive attribute.`
          : `Possible proxies (association ≥ ${flagAt}): ${flagged.slice(0, 10).map((f) => `${f.column} ~ ${f.attribute} (${f.measure === 'cramers_v' ? "Cramér's V" : 'η'} ${f.value!.toFixed(2)})`).join(', ')}${flagged.length > 10 ? ` and ${flagged.length - 10} more` : ''}.`,
        ...skipped.map((s) => `Column '${s.column}' left out: ${s.reason}.`),
        `Not searched: ${[...excludedColumns(ctx.data.binding as TabularBinding, names)].map(([column, why]) => `'${column}' (${why})`).join(', ')}.`,
        'Association is not causation, and a flagged column may be legitimate; it tells you where a sensitive attribute can reach the model without being an input.',
        ...intervalNotes(settings.bootstrap, intervals),
      ],
      details: {
        groupMetric: 'Flagged proxies: association with a sensitive attribute',
        flagAt,
        attributes: names,
        columns: rows as unknown as Json,
      },
    };
  },
});

/** The group a numeric column separates best from the rest, and that AUC (max(AUC, 1 − AUC)). */
function strongestAuc(values: Float64Array, attribute: CodedAttribute): { auc: number; group: string } | null {
  let best: { auc: number; group: string } | null = null;
  groupSeparation(values, attribute.codes, attribute.values.length).forEach((d, g) => {
    if (d.value !== null && (best === null || d.value > best.auc)) best = { auc: d.value, group: attribute.values[g] };
  });
  return best;
}
