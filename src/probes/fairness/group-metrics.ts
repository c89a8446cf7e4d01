/**
 * Group fairness: per-group rates for every sensitive attribute and intersection, and the
 * disparities Fairlearn and AIF360 define, all bootstrapped on the same resamples (one probe, so
 * one draw per resample serves every metric).
 */
import type { MetricSpec } from '../../core/types';
import { defineGroupProbe } from './group-probe';
import { averageOddsDifference, differenceOf, equalizedOddsDifference, equalizedOddsRatio, ratioOf } from './summaries';

const spec = (name: string, title: string, direction: 'lower' | 'higher', definition: string): MetricSpec => ({ name, title, direction, range: [0, 1], definition });

export default defineGroupProbe({
  id: 'fairness/group-metrics',
  version: 1,
  title: 'Group fairness metrics',
  description:
    'Compares how the model treats each group, for every sensitive attribute and every intersection of up to two (or three) of ' +
    'them: how often it gives the favourable decision (selection rate), its true and false positive and negative rates, its ' +
    'positive predictive value, accuracy and calibration error within the group. Reports, as Fairlearn and AIF360 define ' +
    'them, the worst difference and ratio between groups for demographic parity (the ratio is the disparate-impact figure read ' +
    'against the four-fifths rule), equalized odds, equal opportunity, average odds, predictive parity, accuracy and calibration, ' +
    'each with a seeded bootstrap interval stratified by group. Groups below the minimum size are listed as insufficient data ' +
    'and never judged. Selection rates need no labels; the other metrics use the labelled rows.',
  metric: spec('dp_difference', 'Demographic parity difference', 'lower',
    'Largest minus smallest group selection rate (fairlearn.metrics.demographic_parity_difference, method="between_groups"); ' +
    'for two groups |AIF360 statistical_parity_difference|. Worst over the attributes and intersections analysed.'),
  secondary: [
    spec('dp_ratio', 'Demographic parity ratio (disparate impact)', 'higher',
      'Smallest over largest group selection rate (fairlearn.metrics.demographic_parity_ratio; AIF360 disparate_impact with the ' +
      'lowest group as unprivileged). The four-fifths rule (29 CFR 1607.4(D)) flags values below 0.8.'),
    spec('eo_difference', 'Equalized odds difference', 'lower',
      'max(TPR difference, FPR difference) between groups (fairlearn.metrics.equalized_odds_difference, agg="worst_case").'),
    spec('eo_ratio', 'Equalized odds ratio', 'higher',
      'min(TPR ratio, FPR ratio), each smallest over largest group value (fairlearn.metrics.equalized_odds_ratio).'),
    spec('eop_difference', 'Equal opportunity difference', 'lower',
      'Largest minus smallest group true positive rate (fairlearn.metrics.equal_opportunity_difference; |AIF360 equal_opportunity_difference| for two groups).'),
    spec('eop_ratio', 'Equal opportunity ratio', 'higher',
      'Smallest over largest group true positive rate (fairlearn.metrics.equal_opportunity_ratio).'),
    spec('average_odds_difference', 'Average odds difference (worst pair)', 'lower',
      'max over pairs of groups U, P of |½[(FPR_U − FPR_P) + (TPR_U − TPR_P)]| (AIF360 average_odds_difference) = ½(max − min) of TPR + FPR.'),
    spec('ppv_difference', 'Predictive parity difference', 'lower',
      'Largest minus smallest group positive predictive value TP / (TP + FP) (Fairlearn MetricFrame(precision).difference, between_groups).'),
    spec('ppv_ratio', 'Predictive parity ratio', 'higher',
      'Smallest over largest group positive predictive value (Fairlearn MetricFrame(precision).ratio, between_groups).'),
    spec('accuracy_difference', 'Accuracy parity difference', 'lower',
      'Largest minus smallest group accuracy (Fairlearn MetricFrame(accuracy_score).difference, between_groups).'),
    spec('accuracy_ratio', 'Accuracy parity ratio', 'higher',
      'Smallest over largest group accuracy (Fairlearn MetricFrame(accuracy_score).ratio, between_groups).'),
    spec('ece_difference', 'Calibration parity difference', 'lower',
      'Largest minus smallest group expected calibration error (Guo et al. 2017, eq. 3; 15 top-class confidence bins within each group).'),
  ],
  analysis: {
    metrics: ['selection_rate', 'tpr', 'fpr', 'tnr', 'fnr', 'ppv', 'accuracy', 'ece'],
    summaries: [
      differenceOf('dp_difference', 'Demographic parity difference', 'selection_rate'),
      ratioOf('dp_ratio', 'Demographic parity ratio', 'selection_rate'),
      equalizedOddsDifference,
      equalizedOddsRatio,
      differenceOf('eop_difference', 'Equal opportunity difference', 'tpr'),
      ratioOf('eop_ratio', 'Equal opportunity ratio', 'tpr'),
      averageOddsDifference,
      differenceOf('ppv_difference', 'Predictive parity difference', 'ppv'),
      ratioOf('ppv_ratio', 'Predictive parity ratio', 'ppv'),
      differenceOf('accuracy_difference', 'Accuracy parity difference', 'accuracy'),
      ratioOf('accuracy_ratio', 'Accuracy parity ratio', 'accuracy'),
      differenceOf('ece_difference', 'Calibration parity difference', 'ece'),
    ],
  },
});
