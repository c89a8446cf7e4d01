import { defineProbe, throwIfCancelled } from '../../core/probe';
import type { HygieneFinding, HygieneSeverity, Json } from '../../core/types';

const ID = 'privacy/model-file-hygiene';

/** The headline's scale: the worst severity found. */
const LEVEL: Readonly<Record<HygieneSeverity, number>> = Object.freeze({ info: 0, low: 1, medium: 2, high: 3 });

export default defineProbe({
  id: ID,
  version: 1,
  pillar: 'privacy',
  title: 'Model-file hygiene',
  description:
    'What the model\'s files reveal without running them, audited when the model was opened: ONNX weights kept in external ' +
    'files, operators from non-standard domains, IR and opset versions, metadata (and markup hidden in it), tensors whose ' +
    'declared size does not match their data, unusually large or deeply nested graphs; TF.js weight manifests whose paths ' +
    'leave the model\'s folder or whose files have the wrong length, layers that carry code. Each finding has a severity and a plain explanation.',
  metric: {
    name: 'worst_severity',
    title: 'Worst finding',
    direction: 'lower',
    range: [0, 3],
    definition: 'Severity of the most serious finding: 0 = information only, 1 = low, 2 = medium, 3 = high (the file reaches outside itself or carries code).',
  },
  requires: {},
  defaults: {},

  async run(ctx) {
    throwIfCancelled(ctx.signal);
    const findings = ctx.model.info.hygiene;
    ctx.progress(1);
    throwIfCancelled(ctx.signal);
    if (!findings) {
      return {
        value: null,
        interval: null,
        n: 0,
        undefinedReason: 'the model\'s files were not audited when it was opened (it was opened by an older version of TrustGrade); open it again',
        groups: [],
        secondary: {},
        notes: [],
      };
    }
    const counts = { high: 0, medium: 0, low: 0, info: 0 };
    for (const f of findings) counts[f.severity]++;
    const worst = findings.reduce((w, f) => Math.max(w, LEVEL[f.severity]), 0);
    const serious = findings.filter((f) => f.severity !== 'info');
    return {
      value: worst,
      interval: null,
      n: 1,
      groups: [],
      secondary: {},
      notes: [
        serious.length === 0
          ? `No problem was found in ${ctx.model.info.name}; ${findings.length} informational finding${findings.length === 1 ? '' : 's'}.`
          : `${counts.high} high, ${counts.medium} medium and ${counts.low} low-severity finding${serious.length === 1 ? '' : 's'} in ${ctx.model.info.name}.`,
        'Read from the files alone; a clean audit does not show that the weights are benign, only that the files are well formed and stay inside their folder.',
      ],
      details: {
        severityCounts: counts,
        findings: findings.map((f: HygieneFinding) => ({ ...f }) as { [key: string]: Json }),
      },
    };
  },
});
