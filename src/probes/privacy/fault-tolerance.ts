import { CancelledError, defineProbe, throwIfCancelled, type Classifier } from '../../core/probe';
import { inputRange } from '../../core/binding';
import type { GroupEstimate, Json } from '../../core/types';
import { wholeNumberParam } from '../params';
import { HOSTILE_KINDS, buildHostileInputs, inputRanges, type HostileInput } from './hostile-inputs';

const ID = 'privacy/fault-tolerance';

type Outcome = { result: 'handled' } | { result: 'non-finite' } | { result: 'error'; message: string };

export default defineProbe({
  id: ID,
  version: 1,
  pillar: 'privacy',
  title: 'Fault tolerance to hostile inputs',
  description:
    'Feeds the model inputs an attacker or a broken pipeline could send: NaN, +Infinity, −Infinity, values 10 to 1,000,000 ' +
    'times the observed range away from its centre (the binding\'s input range for images), all zeros, and extreme ' +
    'magnitudes (±1e30, ±3e38), each in one value of a real sample or in all of them. An input is handled when the model ' +
    'returns finite probabilities; an error or a non-finite output is a failure of the model that the harness must contain. ' +
    'Reports the share handled, overall and per kind (ISO/IEC TR 24029-1 robustness to abnormal inputs; OWASP ML Top 10 input validation).',
  metric: {
    name: 'handled_share',
    title: 'Share of hostile inputs handled',
    direction: 'higher',
    range: [0, 1],
    definition: 'Hostile inputs for which the model returned finite class probabilities, divided by all hostile inputs fed.',
  },
  secondary: [
    {
      name: 'contained_share',
      title: 'Share of failures contained by the harness',
      direction: 'higher',
      range: [0, 1],
      definition: 'Failures (errors or non-finite outputs) that TrustGrade caught and recorded without the run breaking, divided by all failures.',
    },
  ],
  requires: {},
  defaults: { perKind: 8 },

  async run(ctx) {
    const perKind = wholeNumberParam(ID, ctx.params, 'perKind', 1, 1000);
    throwIfCancelled(ctx.signal);
    const { data } = ctx;
    const ranges = inputRanges(data.x, data.n, data.sampleSize, inputRange(data.binding));
    const inputs = buildHostileInputs(data.x, data.n, data.sampleSize, ranges, perKind, ctx.rng.fork('hostile'));
    const rows: { [key: string]: Json }[] = [];
    const groups: GroupEstimate[] = [];
    let handled = 0;
    for (const [index, kind] of HOSTILE_KINDS.entries()) {
      const batch = inputs.filter((h) => h.kind === kind.id);
      const outcomes = await predictHostile(ctx.model, batch, data.sampleSize, ctx.signal);
      const count = (r: Outcome['result']) => outcomes.filter((o) => o.result === r).length;
      const ok = count('handled');
      handled += ok;
      const firstError = outcomes.find((o): o is Extract<Outcome, { result: 'error' }> => o.result === 'error');
      rows.push({
        kind: kind.id,
        title: kind.title,
        description: kind.description,
        inputs: batch.length,
        handled: ok,
        nonFinite: count('non-finite'),
        errors: count('error'),
        contained: batch.length - ok,
        example: firstError ? firstError.message : null,
        variants: batch.map((h, i) => `${h.variant}: ${outcomes[i].result}`),
      });
      groups.push({ group: kind.title, status: 'ok', value: ok / batch.length, interval: null, n: batch.length });
      ctx.progress((index + 1) / HOSTILE_KINDS.length, `Fed ${kind.title} inputs`);
      throwIfCancelled(ctx.signal);
    }
    const failures = inputs.length - handled;
    return {
      value: handled / inputs.length,
      interval: null,
      n: inputs.length,
      groups,
      secondary: {
        contained_share: failures === 0
          ? { value: null, interval: null, n: 0, undefinedReason: 'the model handled every hostile input, so there was no failure to contain' }
          : { value: 1, interval: null, n: failures },
      },
      notes: [
        `${inputs.length} hostile inputs (${perKind} per kind, 1 of all zeros), built from seeded random samples; ${handled} handled, ${failures} not.`,
        failures === 0
          ? 'The model returned finite probabilities for every hostile input. That is not the same as a sensible answer: check that the application rejects such inputs before they reach the model.'
          : 'Every failure was contained: TrustGrade caught the error or the non-finite output, recorded it here and went on. ' +
            'In an application, validate inputs before the model (reject NaN, infinities and values outside the expected range) rather than relying on the model.',
        'Counts describe this fixed set of designed inputs, not a sample from a population, so they carry no interval.',
      ],
      details: { faultTable: rows },
    };
  },
});

/** Predicts a batch; if the batch fails as a whole, each input alone, so an error is pinned to its input. */
async function predictHostile(model: Classifier, batch: HostileInput[], size: number, signal: AbortSignal): Promise<Outcome[]> {
  const x = new Float32Array(batch.length * size);
  batch.forEach((h, i) => x.set(h.x, i * size));
  try {
    return readOutcomes(await model.predict(x, batch.length, signal), batch.length, model.labels.length);
  } catch (error) {
    rethrowCancel(error, signal);
  }
  const outcomes: Outcome[] = [];
  for (const h of batch) {
    throwIfCancelled(signal);
    try {
      outcomes.push(readOutcomes(await model.predict(h.x, 1, signal), 1, model.labels.length)[0]);
    } catch (error) {
      rethrowCancel(error, signal);
      outcomes.push({ result: 'error', message: messageOf(error) });
    }
  }
  return outcomes;
}

function readOutcomes(probs: Float32Array, n: number, k: number): Outcome[] {
  if (probs.length !== n * k) {
    return Array.from({ length: n }, () => ({ result: 'error', message: `returned ${probs.length} values for ${n} inputs of ${k} classes` }) as Outcome);
  }
  return Array.from({ length: n }, (_, i) => {
    for (let j = i * k; j < (i + 1) * k; j++) if (!Number.isFinite(probs[j])) return { result: 'non-finite' } as Outcome;
    return { result: 'handled' } as Outcome;
  });
}

function rethrowCancel(error: unknown, signal: AbortSignal): void {
  if (error instanceof CancelledError || signal.aborted) throw error instanceof CancelledError ? error : new CancelledError();
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
