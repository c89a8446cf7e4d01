/**
 * Whether a run was reproduced: every number of every measurement of a re-run compared with the
 * original. On the same backend and engine the numbers must be identical; on another, each must
 * lie within a stated absolute tolerance (floating-point sums differ between engines in the last
 * digits; a decision on a threshold can then flip for a sample exactly at it).
 */
import type { Estimate, Run } from '../core/types';

export type ReproductionVerdict = 'exact' | 'within-tolerance' | 'differs' | 'incomparable';

export interface ReproducedNumber {
  probeId: string;
  /** e.g. 'value', 'interval.low', 'secondary.dp_ratio.value', 'group[Female].value', 'status'. */
  quantity: string;
  original: number | string | null;
  rerun: number | string | null;
  verdict: ReproductionVerdict;
  /** |rerun − original| for numbers. */
  difference: number | null;
}

export interface Reproduction {
  /** Same backend and engine: the numbers must be identical. */
  sameBackend: boolean;
  tolerance: number;
  reproduced: boolean;
  numbers: ReproducedNumber[];
  /** Per probe: reproduced exactly, within tolerance, or not (with the first difference). */
  probes: { probeId: string; verdict: ReproductionVerdict; note: string }[];
  summary: string;
}

/** Compares a re-run with the original run. */
export function compareReproduction(original: Run, rerun: Run, tolerance: number): Reproduction {
  const sameBackend = original.environment.backend === rerun.environment.backend && original.environment.engine === rerun.environment.engine;
  const numbers: ReproducedNumber[] = [];
  const probes: Reproduction['probes'] = [];
  for (const before of original.results) {
    const after = rerun.results.find((r) => r.probeId === before.probeId);
    const rows: ReproducedNumber[] = [];
    const push = (quantity: string, a: number | string | null, b: number | string | null) => rows.push(judge(before.probeId, quantity, a, b, sameBackend, tolerance));
    if (!after) {
      rows.push({ probeId: before.probeId, quantity: 'result', original: before.status, rerun: null, verdict: 'differs', difference: null });
    } else if (after.probeVersion !== before.probeVersion) {
      rows.push({ probeId: before.probeId, quantity: 'probeVersion', original: before.probeVersion, rerun: after.probeVersion, verdict: 'incomparable', difference: null });
    } else {
      push('status', before.status, after.status);
      if (before.measurement && after.measurement) {
        pushEstimate(push, '', before.measurement, after.measurement);
        for (const [name, e] of Object.entries(before.measurement.secondary)) {
          const other = after.measurement.secondary[name];
          if (!other) push(`secondary.${name}`, 'present', null);
          else pushEstimate(push, `secondary.${name}.`, e, other);
        }
        for (const g of before.measurement.groups) {
          const other = after.measurement.groups.find((x) => x.group === g.group);
          if (!other) push(`group[${g.group}]`, 'present', null);
          else pushEstimate(push, `group[${g.group}].`, g, other);
        }
      }
    }
    numbers.push(...rows);
    probes.push(probeVerdict(before.probeId, rows, sameBackend, tolerance));
  }
  const reproduced = probes.every((p) => p.verdict === 'exact' || p.verdict === 'within-tolerance');
  const failed = probes.filter((p) => p.verdict === 'differs' || p.verdict === 'incomparable');
  const mode = sameBackend
    ? `on the same backend (${rerun.environment.backend}, ${rerun.environment.engine}), where every number must be identical`
    : `on another backend (${original.environment.backend}, ${original.environment.engine} then; ${rerun.environment.backend}, ${rerun.environment.engine} now), within an absolute tolerance of ${tolerance}`;
  const summary = reproduced
    ? `Reproduced: all ${probes.length} measurements match ${mode}.`
    : `Not reproduced: ${failed.length} of ${probes.length} measurements differ ${mode} (${failed.map((p) => p.probeId).join(', ')}).`;
  return { sameBackend, tolerance, reproduced, numbers, probes, summary };
}

type Push = (quantity: string, a: number | string | null, b: number | string | null) => void;

function pushEstimate(push: Push, prefix: string, a: Estimate, b: Estimate): void {
  push(`${prefix}value`, a.value, b.value);
  push(`${prefix}n`, a.n, b.n);
  push(`${prefix}interval.low`, a.interval?.low ?? null, b.interval?.low ?? null);
  push(`${prefix}interval.high`, a.interval?.high ?? null, b.interval?.high ?? null);
}

function judge(probeId: string, quantity: string, a: number | string | null, b: number | string | null, sameBackend: boolean, tolerance: number): ReproducedNumber {
  const row = { probeId, quantity, original: a, rerun: b };
  if (a === b) return { ...row, verdict: 'exact', difference: typeof a === 'number' ? 0 : null };
  // Counts and statuses must match on any backend; only measured values get a tolerance.
  const countLike = quantity === 'status' || quantity.endsWith('.n') || quantity === 'n';
  if (typeof a === 'number' && typeof b === 'number') {
    const difference = Math.abs(a - b);
    const within = !sameBackend && !countLike && difference <= tolerance;
    return { ...row, verdict: within ? 'within-tolerance' : 'differs', difference };
  }
  return { ...row, verdict: 'differs', difference: null };
}

function probeVerdict(probeId: string, rows: ReproducedNumber[], sameBackend: boolean, tolerance: number): Reproduction['probes'][number] {
  const incomparable = rows.find((r) => r.verdict === 'incomparable');
  if (incomparable) return { probeId, verdict: 'incomparable', note: `probe version ${incomparable.original} in the report, ${incomparable.rerun} here: a different probe cannot reproduce it` };
  const differs = rows.find((r) => r.verdict === 'differs');
  if (differs) {
    const diff = differs.difference === null ? '' : ` (|Δ| = ${differs.difference.toPrecision(3)}${sameBackend ? ', same backend' : `, tolerance ${tolerance}`})`;
    return { probeId, verdict: 'differs', note: `${differs.quantity}: ${String(differs.original)} in the report, ${String(differs.rerun)} now${diff}` };
  }
  const worst = Math.max(0, ...rows.map((r) => r.difference ?? 0));
  if (rows.some((r) => r.verdict === 'within-tolerance')) return { probeId, verdict: 'within-tolerance', note: `largest difference ${worst.toPrecision(3)} ≤ ${tolerance}` };
  return { probeId, verdict: 'exact', note: `${rows.length} numbers identical` };
}
