import { defineProbe, throwIfCancelled } from '../../core/probe';
import { parseBinding } from '../../core/binding';
import type { GroupEstimate, Json } from '../../core/types';

const ID = 'privacy/provenance';
const SHA256 = /^[0-9a-f]{64}$/;

interface Check {
  name: string;
  /** Required checks decide the headline; the others are advice. */
  required: boolean;
  passed: boolean;
  /** What was recorded, shown beside the check. */
  recorded: string;
  advice: string;
}

export default defineProbe({
  id: ID,
  version: 1,
  pillar: 'privacy',
  title: 'Provenance',
  description:
    'Whether the run identifies exactly what was evaluated, so that someone else can reproduce it and detect a swapped file: ' +
    'the SHA-256 of the model (for TF.js, of model.json followed by its weight files) and of the dataset, both present and well ' +
    'formed, and a valid binding. The dataset\'s source and licence are checked as advice. The suite, seed, probe versions and ' +
    'parameters are recorded by the engine in every run.',
  metric: {
    name: 'provenance_complete',
    title: 'Provenance complete',
    direction: 'higher',
    range: [0, 1],
    definition: '1 when the model SHA-256, the dataset SHA-256 and the binding are all recorded and valid, else 0 (NIST AI RMF MEASURE 2.1 / MAP 4: documented, traceable artefacts).',
  },
  requires: {},
  defaults: {},

  async run(ctx) {
    throwIfCancelled(ctx.signal);
    const info = ctx.model.info;
    const manifest = ctx.data.dataset.manifest;
    const checks: Check[] = [
      {
        name: 'Model SHA-256',
        required: true,
        passed: SHA256.test(info.sha256),
        recorded: info.sha256,
        advice: 'The model was opened without a valid SHA-256; open it again through TrustGrade so its files are hashed.',
      },
      {
        name: 'Dataset SHA-256',
        required: true,
        passed: SHA256.test(manifest.sha256),
        recorded: manifest.sha256,
        advice: 'The dataset has no valid SHA-256; open it again through TrustGrade so its files are hashed.',
      },
      {
        name: 'Binding',
        required: true,
        passed: bindingIsValid(ctx.data.binding),
        recorded: `${ctx.data.binding.kind} binding, ${ctx.data.binding.output.labels.length} labels`,
        advice: 'The binding recorded with the run is not valid; fix it in the binding editor and run again.',
      },
      {
        name: 'Dataset source',
        required: false,
        passed: Boolean(manifest.source?.trim()),
        recorded: manifest.source ?? '',
        advice: 'Record where the dataset comes from (a dataset manifest with a source) so a reader can judge and obtain it.',
      },
      {
        name: 'Dataset licence',
        required: false,
        passed: Boolean(manifest.license?.trim()),
        recorded: manifest.license ?? '',
        advice: 'Record the dataset\'s licence so a reader knows whether they may reuse it.',
      },
    ];
    ctx.progress(1);
    throwIfCancelled(ctx.signal);
    const required = checks.filter((c) => c.required);
    const complete = required.every((c) => c.passed);
    const groups: GroupEstimate[] = checks.map((c) => ({ group: c.name, status: 'ok', value: c.passed ? 1 : 0, interval: null, n: 1 }));
    return {
      value: complete ? 1 : 0,
      interval: null,
      n: required.length,
      groups,
      secondary: {},
      notes: [
        complete
          ? 'The model and dataset are identified by SHA-256 and the binding is recorded: another person can check they evaluate the same files.'
          : `Provenance is incomplete: ${required.filter((c) => !c.passed).map((c) => c.name).join(', ')}.`,
        ...checks.filter((c) => !c.passed).map((c) => c.advice),
        'The suite, the seed, every probe\'s version and parameters, the backend and the app version are recorded by the engine in the run itself.',
      ],
      details: {
        groupMetric: 'Check passed (1) or not (0)',
        checks: checks.map((c) => ({ name: c.name, required: c.required, passed: c.passed, recorded: c.recorded }) as { [key: string]: Json }),
      },
    };
  },
});

function bindingIsValid(binding: unknown): boolean {
  try {
    parseBinding(binding);
    return true;
  } catch {
    return false;
  }
}
