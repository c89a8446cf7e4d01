/**
 * The wages demo models (binary: high_wage = 'yes', sensitive attributes gender and race):
 * - family `wages`: v1 (a few epochs), v2 (trained to convergence), v3 (gender dropped from the
 *   features and the training rows reweighed so gender and label are independent);
 * - family `wages-privacy`: `overfit` (small member set, wide layers, no regularisation, many
 *   epochs: memorises its members) and its `regularised` twin (same layers + L2 + dropout + early stop).
 */
import * as tf from '@tensorflow/tfjs';
import type { FeatureSpec, KnownBinding, TabularBinding } from '../../src/core/types';
import { wagesMlp } from './architectures';
import { encodeRows, encodedWidth, standardScaling } from './tabular-encoding';
import { predict, train, type TrainOptions } from './train';
import {
  LABEL_COLUMN, MEMBER, NONMEMBER, PRIVACY_SPLIT_COLUMN, SPLIT_COLUMN, rowsWhere,
  type WagesRow, type WagesTable,
} from './wages-data';
import { demoRng, permutation } from './seeds';

export const WAGES_DATASET_ID = 'cps-wages-1985';
export const SENSITIVE = ['gender', 'race'];

export interface WagesModelSpec {
  id: string;
  title: string;
  family: string;
  version: string;
  description: string;
  splitColumn: string;
  withGender: boolean;
  reweigh: boolean;
  hidden: number[];
  dropout?: number;
  training: Omit<TrainOptions, 'name' | 'loss' | 'earlyStopping' | 'log'>;
  /** Early stopping on a seeded share of the non-member rows (they stay non-members: never trained on). */
  earlyStopping?: { fraction: number; patience: number };
}

export const WAGES_MODELS: WagesModelSpec[] = [
  {
    id: 'wages-v1', title: 'CPS wages MLP v1 (under-trained)', family: 'wages', version: 'v1',
    description: 'Dense 16 ReLU → sigmoid on all features including gender and race; 3 epochs only.',
    splitColumn: SPLIT_COLUMN, withGender: true, reweigh: false, hidden: [16],
    training: { epochs: 3, batchSize: 32, learningRate: 0.003 },
  },
  {
    id: 'wages-v2', title: 'CPS wages MLP v2', family: 'wages', version: 'v2',
    description: 'Dense 16 ReLU → sigmoid on all features including gender and race; 40 epochs.',
    splitColumn: SPLIT_COLUMN, withGender: true, reweigh: false, hidden: [16],
    training: { epochs: 40, batchSize: 32, learningRate: 0.003 },
  },
  {
    id: 'wages-v3', title: 'CPS wages MLP v3 (gender removed, reweighed)', family: 'wages', version: 'v3',
    description: 'As v2 but without gender as a feature and with Kamiran–Calders reweighing of the training rows (weight P(gender)·P(label) / P(gender, label)) to reduce the gender gap.',
    splitColumn: SPLIT_COLUMN, withGender: false, reweigh: true, hidden: [16],
    training: { epochs: 40, batchSize: 32, learningRate: 0.003 },
  },
  {
    id: 'wages-overfit', title: 'CPS wages MLP, overfit (privacy demo)', family: 'wages-privacy', version: 'overfit',
    description: 'Dense 64 → 64 ReLU → sigmoid, trained 300 full-batch epochs without regularisation on the 25 % privacy_split members only: it memorises them.',
    splitColumn: PRIVACY_SPLIT_COLUMN, withGender: true, reweigh: false, hidden: [64, 64],
    training: { epochs: 300, batchSize: 256, learningRate: 0.01 },
  },
  {
    id: 'wages-regularised', title: 'CPS wages MLP, regularised twin (privacy demo)', family: 'wages-privacy', version: 'regularised',
    description: 'Same layers and members as wages-overfit, with dropout 0.5, L2 0.01 and early stopping on half of the privacy_split non-members (patience 30 epochs; those rows were never trained on).',
    splitColumn: PRIVACY_SPLIT_COLUMN, withGender: true, reweigh: false, hidden: [64, 64], dropout: 0.5,
    training: { epochs: 300, batchSize: 256, learningRate: 0.003, l2: 1e-2 },
    earlyStopping: { fraction: 0.5, patience: 30 },
  },
];

/** Sorted distinct values of a column, as strings. */
function vocabulary(rows: WagesRow[], column: string): string[] {
  return [...new Set(rows.map((r) => String(r[column])))].sort();
}

/** Numeric columns are standardised with the members' mean and standard deviation; 0/1 indicators stay as they are. */
export function wagesFeatures(table: WagesTable, members: WagesRow[], withGender: boolean): FeatureSpec[] {
  const scaled = (column: string): FeatureSpec => ({ column, kind: 'numeric', ...standardScaling(members, column) });
  const oneHot = (column: string): FeatureSpec => ({ column, kind: 'one-hot', vocabulary: vocabulary(table.rows, column) });
  return [
    scaled('education'), scaled('experience'), scaled('age'),
    { column: 'south', kind: 'numeric' }, { column: 'union', kind: 'numeric' }, { column: 'married', kind: 'numeric' },
    ...(withGender ? [oneHot('gender')] : []),
    oneHot('race'), oneHot('occupation'), oneHot('sector'),
  ];
}

export function wagesBinding(features: FeatureSpec[], splitColumn: string): TabularBinding {
  return {
    kind: 'tabular',
    features,
    target: LABEL_COLUMN,
    sensitive: SENSITIVE,
    split: { column: splitColumn, member: MEMBER },
    output: { kind: 'sigmoid', labels: ['no', 'yes'], positive: 'yes' },
  };
}

/** Kamiran & Calders (2012), "Data preprocessing techniques for classification without discrimination": w(g, y) = P(g)·P(y) / P(g, y). */
export function reweighingWeights(rows: WagesRow[], groupColumn: string): Float32Array {
  const n = rows.length;
  const count = (pred: (r: WagesRow) => boolean) => rows.filter(pred).length;
  return Float32Array.from(rows, (r) => {
    const g = r[groupColumn], y = r[LABEL_COLUMN];
    const pg = count((s) => s[groupColumn] === g) / n;
    const py = count((s) => s[LABEL_COLUMN] === y) / n;
    const pgy = count((s) => s[groupColumn] === g && s[LABEL_COLUMN] === y) / n;
    return (pg * py) / pgy;
  });
}

function labels(rows: WagesRow[]): tf.Tensor2D {
  return tf.tensor2d(rows.map((r) => (r[LABEL_COLUMN] === 'yes' ? 1 : 0)), [rows.length, 1]);
}

/** Share of rows whose thresholded score (≥ 0.5 → 'yes') matches the label. */
export function binaryAccuracy(scores: Float32Array, rows: WagesRow[]): number {
  let correct = 0;
  rows.forEach((r, i) => { if ((scores[i] >= 0.5) === (r[LABEL_COLUMN] === 'yes')) correct++; });
  return correct / rows.length;
}

/** Per-row binary cross-entropy of a sigmoid score. */
function rowLosses(scores: Float32Array, rows: WagesRow[]): number[] {
  return rows.map((r, i) => {
    const p = Math.min(Math.max(scores[i], 1e-7), 1 - 1e-7);
    return r[LABEL_COLUMN] === 'yes' ? -Math.log(p) : -Math.log(1 - p);
  });
}

/**
 * ROC AUC of the loss-threshold membership attack (Yeom et al. 2018, "Privacy Risk in Machine
 * Learning"): the chance that a random non-member has a higher loss than a random member
 * (Mann–Whitney U / (n₁·n₀), ties counted half). 0.5 = no leak.
 */
export function lossAttackAuc(memberLosses: number[], nonmemberLosses: number[]): number {
  let wins = 0;
  for (const m of memberLosses) for (const o of nonmemberLosses) wins += o > m ? 1 : o === m ? 0.5 : 0;
  return wins / (memberLosses.length * nonmemberLosses.length);
}

function positiveRate(scores: Float32Array, rows: WagesRow[], column: string, value: string): number {
  let n = 0, positive = 0;
  rows.forEach((r, i) => { if (r[column] === value) { n++; if (scores[i] >= 0.5) positive++; } });
  return positive / n;
}

export interface TrainedWagesModel {
  spec: WagesModelSpec;
  model: tf.Sequential;
  binding: TabularBinding;
  metrics: Record<string, number>;
  /** Encoded rows of the whole table (for the ONNX check). */
  encodedAll: Float32Array;
  width: number;
}

const round4 = (v: number) => Math.round(v * 10000) / 10000;

export function trainWagesModel(table: WagesTable, spec: WagesModelSpec, log: (line: string) => void): TrainedWagesModel {
  const members = rowsWhere(table.rows, spec.splitColumn, MEMBER);
  const nonmembers = rowsWhere(table.rows, spec.splitColumn, NONMEMBER);
  const features = wagesFeatures(table, members, spec.withGender);
  const width = encodedWidth(features);
  const model = wagesMlp({ name: spec.id.replace(/-/g, '_'), inputWidth: width, hidden: spec.hidden, dropout: spec.dropout });
  const x = tf.tensor2d(encodeRows(members, features), [members.length, width]);
  const y = labels(members);
  let earlyStopping: TrainOptions['earlyStopping'];
  if (spec.earlyStopping) {
    const order = permutation(nonmembers.length, demoRng(`${spec.id}/validation`));
    const validation = order.slice(0, Math.round(nonmembers.length * spec.earlyStopping.fraction)).map((i) => nonmembers[i]);
    earlyStopping = {
      x: tf.tensor2d(encodeRows(validation, features), [validation.length, width]), y: labels(validation), patience: spec.earlyStopping.patience,
    };
  }
  const report = train(model, { x, y, weights: spec.reweigh ? reweighingWeights(members, 'gender') : undefined }, {
    ...spec.training, name: spec.id, loss: 'binary', earlyStopping, log,
  });
  tf.dispose([x, y, earlyStopping?.x, earlyStopping?.y].filter((t): t is tf.Tensor => t !== undefined));

  const encodedAll = encodeRows(table.rows, features);
  const scoresOf = (rows: WagesRow[]) => {
    const t = tf.tensor2d(encodeRows(rows, features), [rows.length, width]);
    const scores = predict(model, t);
    t.dispose();
    return scores;
  };
  const allScores = scoresOf(table.rows);
  const memberScores = scoresOf(members), nonmemberScores = scoresOf(nonmembers);
  const metrics = {
    epochs: report.keptEpoch,
    trainAccuracy: round4(binaryAccuracy(memberScores, members)),
    heldOutAccuracy: round4(binaryAccuracy(nonmemberScores, nonmembers)),
    lossAttackAuc: round4(lossAttackAuc(rowLosses(memberScores, members), rowLosses(nonmemberScores, nonmembers))),
    positiveRateFemale: round4(positiveRate(allScores, table.rows, 'gender', 'female')),
    positiveRateMale: round4(positiveRate(allScores, table.rows, 'gender', 'male')),
    members: members.length,
    nonmembers: nonmembers.length,
  };
  log(`  ${spec.id}: epochs ${report.keptEpoch}/${report.epochsRun}, train accuracy ${metrics.trainAccuracy}, held-out accuracy ${metrics.heldOutAccuracy}, loss-attack AUC ${metrics.lossAttackAuc}, ` +
    `'yes' rate female ${metrics.positiveRateFemale} vs male ${metrics.positiveRateMale}`);
  return { spec, model, binding: wagesBinding(features, spec.splitColumn), metrics, encodedAll, width };
}

export function wagesKnownBinding(trained: TrainedWagesModel, modelSha256: string[], source: string): KnownBinding {
  return {
    id: `demo-${trained.spec.id}`,
    title: `TrustGrade demo: ${trained.spec.title}`,
    modelSha256,
    dataset: WAGES_DATASET_ID,
    binding: trained.binding,
    source,
  };
}
