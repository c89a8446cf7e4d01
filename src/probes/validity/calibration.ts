import { defineProbe } from '../../core/probe';
import type { Estimate, Json } from '../../core/types';
import {
  brierPerSample, expectedCalibrationError, maxCalibrationError, meanOverLabelled, positiveBrierPerSample,
  reliabilityBins, topClassSamples,
} from '../../metrics/calibration';
import { intervalNotes, seededIntervals, toEstimate } from '../estimates';
import { labelledSubset } from '../labelled';
import { readBootstrapParams, wholeNumberParam } from '../params';
import { predictAll } from '../predict-all';

const ID = 'validity/calibration';
const NO_LABELS = 'none of the samples has a known label';

export default defineProbe({
  id: ID,
  version: 1,
  pillar: 'validity',
  title: 'Calibration',
  description:
    'Checks whether the confidence the model states matches how often it is right. Samples are grouped by their ' +
    'top-class probability into equal-width bins (15 by default: (0, 1/15], …, (14/15, 1]); expected calibration error (ECE) is the ' +
    "sample-weighted mean gap between each bin's accuracy and its mean confidence (Guo et al. 2017), maximum " +
    'calibration error (MCE) the largest gap. Also reports the multiclass Brier score, and for two-class models the ' +
    "binary Brier score on the positive class as scikit-learn computes it. Intervals are seeded percentile bootstraps.",
  metric: {
    name: 'ece',
    title: 'Expected calibration error',
    direction: 'lower',
    range: [0, 1],
    definition: 'Σ_b (|B_b|/n)·|acc(B_b) − conf(B_b)| over 15 equal-width top-class confidence bins; Guo et al. 2017, "On Calibration of Modern Neural Networks", eq. 3.',
  },
  secondary: [
    {
      name: 'mce',
      title: 'Maximum calibration error',
      direction: 'lower',
      range: [0, 1],
      definition: 'max_b |acc(B_b) − conf(B_b)| over non-empty bins; Guo et al. 2017, eq. 5.',
    },
    {
      name: 'brier',
      title: 'Brier score (multiclass)',
      direction: 'lower',
      range: [0, 2],
      definition: "Mean over samples of Σ_k (p_k − 1[y = k])², Brier 1950; sklearn.metrics.brier_score_loss on the n × k matrix (scale_by_half=False).",
    },
    {
      name: 'brier_positive',
      title: 'Brier score (positive class)',
      direction: 'lower',
      range: [0, 1],
      definition: 'Two-class models only: mean of (p_positive − 1[y = positive])², sklearn.metrics.brier_score_loss with the positive-class probability.',
    },
  ],
  requires: { labels: true },
  defaults: { bins: 15, bootstrap: 1000, level: 0.95 },

  async run(ctx) {
    const settings = { ...readBootstrapParams(ID, ctx.params), rng: ctx.rng, signal: ctx.signal };
    const binCount = wholeNumberParam(ID, ctx.params, 'bins', 1, 1000);
    const labels = ctx.model.labels;
    const k = labels.length;
    const probs = await predictAll(ctx, { share: 0.9 });
    const subset = labelledSubset(ctx.data.y, probs, k);
    const n = subset.y.length;

    const top = topClassSamples(subset.probs, k, subset.y, binCount);
    const bins = reliabilityBins(top);
    const brier = brierPerSample(subset.probs, k, subset.y);
    const positive = positiveClass(labels, ctx.data.binding.output.positive, k);
    const positiveLoss = positive ? positiveBrierPerSample(subset.probs, k, subset.y, positive.index) : null;
    const intervals = seededIntervals(['ece', 'mce', 'brier', 'brier_positive'], n, (idx) => {
      const resampled = reliabilityBins(top, idx);
      return {
        ece: expectedCalibrationError(resampled),
        mce: maxCalibrationError(resampled),
        brier: meanOverLabelled(brier, subset.y, idx),
        brier_positive: positiveLoss ? meanOverLabelled(positiveLoss, subset.y, idx) : null,
      };
    }, settings);
    ctx.progress(1);

    const brierPositive: Estimate = positiveLoss
      ? toEstimate(meanOverLabelled(positiveLoss, subset.y), n, intervals.brier_positive, NO_LABELS)
      : { value: null, interval: null, n, undefinedReason: 'defined for two-class models only' };
    return {
      ...toEstimate(expectedCalibrationError(bins), n, intervals.ece, NO_LABELS),
      groups: [],
      secondary: {
        mce: toEstimate(maxCalibrationError(bins), n, intervals.mce, NO_LABELS),
        brier: toEstimate(meanOverLabelled(brier, subset.y), n, intervals.brier, NO_LABELS),
        brier_positive: brierPositive,
      },
      notes: [
        ...subset.notes,
        ...intervalNotes(settings.bootstrap, intervals),
        ...(positive ? [positive.note] : []),
      ],
      details: {
        binEdges: 'right-closed: bin b holds top-class probabilities in (b/M, (b+1)/M]',
        bins: bins.map((b) => ({ ...b }) as { [key: string]: Json }),
      },
    };
  },
});

/** The positive class of a two-class model: the binding's declared one, else the second label. */
function positiveClass(labels: string[], declared: string | undefined, k: number): { index: number; note: string } | null {
  if (k !== 2) return null;
  const index = declared === undefined ? -1 : labels.indexOf(declared);
  if (index >= 0) return { index, note: `Positive class for the binary Brier score: "${labels[index]}" (declared in the binding).` };
  return { index: 1, note: `No positive label is declared in the binding; the binary Brier score treats the second label, "${labels[1]}", as positive.` };
}
