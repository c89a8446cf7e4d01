import type { MetricRule, UngradedEntry } from '../../core/report-types';

/** Bands for an accuracy lost to corruptions or perturbations, in points of accuracy. */
const DROP_BANDS = { A: 0.02, B: 0.05, C: 0.1, D: 0.2 };
/** Bands for robust accuracy under attack at the probe's headline ε (0.1 of the input range by default). */
const ROBUST_BANDS = { A: 0.7, B: 0.5, C: 0.3, D: 0.1 };

const CORRUPTION_RATIONALE =
  'Accuracy lost to common corruptions, in points, from the unfavourable end of its interval. Hendrycks & Dietterich (2019) report no pass mark; ' +
  'this policy’s bands: A keeps the loss within 2 points, B within 5, E loses more than 20.';

/** Thresholds for the robustness pillar (probes in src/probes/robustness/). */
export const robustnessRules: MetricRule[] = [
  {
    probe: 'robustness/corruptions',
    metric: 'accuracy_drop',
    headline: false,
    title: 'accuracy drop under common corruptions',
    direction: 'lower',
    bands: DROP_BANDS,
    basis: 'policy-reasoning',
    rationale: CORRUPTION_RATIONALE,
    source: 'TrustGrade policy reasoning; corruptions of Hendrycks & Dietterich (2019), "Benchmarking Neural Network Robustness to Common Corruptions and Perturbations", ICLR.',
  },
  {
    probe: 'robustness/mnist-c',
    metric: 'accuracy_drop',
    headline: false,
    title: 'accuracy drop under digit corruptions',
    direction: 'lower',
    bands: DROP_BANDS,
    basis: 'policy-reasoning',
    rationale: CORRUPTION_RATIONALE,
    source: 'TrustGrade policy reasoning; corruptions of Mu & Gilmer (2019), "MNIST-C: A Robustness Benchmark for Computer Vision".',
  },
  {
    probe: 'robustness/white-box-attacks',
    metric: 'robust_accuracy',
    headline: true,
    title: 'robust accuracy under the strongest white-box attack',
    direction: 'higher',
    bands: ROBUST_BANDS,
    basis: 'policy-reasoning',
    rationale:
      'No agreed limit exists: robust accuracy depends on ε and the data. At the headline ε (0.1 of the input range) standard models fall close to 0 while adversarially trained ones keep most of their accuracy ' +
      '(Madry et al. 2018 report about 89 % on MNIST at ε = 0.3). This policy gives B from 50 % and E below 10 %.',
    source: 'TrustGrade policy reasoning; Madry et al. (2018) "Towards Deep Learning Models Resistant to Adversarial Attacks", ICLR; Carlini et al. (2019) "On Evaluating Adversarial Robustness".',
  },
  {
    probe: 'robustness/white-box-attacks',
    metric: 'masking_signs',
    headline: false,
    title: 'gradient-masking signs',
    direction: 'lower',
    minSampleSize: 0,
    bands: { A: 0, B: 0, C: 0, D: 0 },
    basis: 'public-practice',
    rationale:
      'Carlini et al. (2019) warn that a robustness number an obvious attack could beat must not be reported as the model’s robustness. Any sign of gradient masking makes the attack results unreliable, so it gives E.',
    source: 'Carlini, Athalye, Papernot, Brendel, Rauber, Tsipras, Goodfellow, Madry, Kurakin (2019), "On Evaluating Adversarial Robustness", §5 and checklist.',
  },
  {
    probe: 'robustness/black-box-attacks',
    metric: 'robust_accuracy',
    headline: true,
    title: 'robust accuracy under the strongest attack',
    direction: 'higher',
    bands: ROBUST_BANDS,
    basis: 'policy-reasoning',
    rationale:
      'The same bands as the white-box attacks. Where no gradient path exists, black-box attacks are all there is, and their robust accuracy is an upper bound on the true one; the grade reads its unfavourable end all the same.',
    source: 'TrustGrade policy reasoning; Square Attack (Andriushchenko et al. 2020), HopSkipJump (Chen et al. 2020).',
  },
  {
    probe: 'robustness/tabular-perturbation',
    metric: 'accuracy_drop',
    headline: false,
    title: 'accuracy drop under tabular perturbations',
    direction: 'lower',
    bands: DROP_BANDS,
    basis: 'policy-reasoning',
    rationale:
      'Accuracy lost, averaged over noise, category swaps and missing values at every level run. No published limit exists; the bands are the corruption bands. ' +
      'The flip rate is reported beside it but not graded, since a flip between two wrong or two near-tied answers costs nothing.',
    source: 'TrustGrade policy reasoning.',
  },
  {
    probe: 'robustness/ood',
    metric: 'auroc_msp',
    headline: true,
    title: 'out-of-distribution detection AUROC',
    direction: 'higher',
    bands: { A: 0.95, B: 0.9, C: 0.8, D: 0.7 },
    basis: 'policy-reasoning',
    rationale:
      'How well the model’s confidence tells inputs unlike its training data from familiar ones (0.5 = not at all), so it can fail safely beyond its knowledge. ' +
      'Hendrycks & Gimpel (2017) report baseline AUROCs mostly above 0.9; this policy gives B from 0.9 and E below 0.7.',
    source: 'TrustGrade policy reasoning; Hendrycks & Gimpel (2017), "A Baseline for Detecting Misclassified and Out-of-Distribution Examples", ICLR.',
  },
  {
    probe: 'robustness/stability',
    metric: 'repeat_agreement',
    headline: true,
    title: 'repeat agreement on identical inputs',
    direction: 'higher',
    bands: { A: 1, B: 0.999, C: 0.99, D: 0.95 },
    basis: 'policy-reasoning',
    rationale:
      'Identical inputs must give identical outputs on one backend, whatever else is in the batch; anything less makes every other number harder to reproduce. A needs every sample to agree.',
    source: 'TrustGrade policy reasoning; NIST AI RMF 1.0 MEASURE 2.5 (reliable).',
  },
];

/** Robustness measurements shown but not graded, and why. */
export const robustnessUngraded: UngradedEntry[] = [];
