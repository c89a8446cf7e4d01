/**
 * Bindings at work: what task and modality a binding implies, how wide its encoding is, whether it
 * fits a dataset, and the encoding of a whole dataset into what probes read (PreparedData).
 * Pure: no DOM, no engines. The encoders themselves live in encode-tabular, encode-image and
 * encode-output and are re-exported here.
 */
import { BindingError } from './binding-error';
import { imageInputRange, imageSampleShape, encodeImages } from './encode-image';
import {
  MISSING_GROUP, cellAt, cellText, encodeExtended, extendTable, lookupValue, makeValueIndex, requireColumn, tabularWidth,
  type EncodeStats, type ExtendedTable,
} from './encode-tabular';
import type { PreparedData } from './probe';
import type { Binding, Dataset, ImageBinding, ImageData8, Modality, TabularBinding, TabularData, TaskKind } from './types';

export { BindingError } from './binding-error';
export { parseBinding, parseKnownBinding } from './binding-schema';
export { channelRanges, encodeImages } from './encode-image';
export { checkOutputWidth, isSingleSigmoid, toProbabilities } from './encode-output';
export {
  MISSING_GROUP, MISSING_MARKERS, encodeRows, featureSlices, parseNumericCell, type FeatureSlice,
} from './encode-tabular';

/** Binary with two output labels, multiclass with more. */
export function taskOf(binding: Binding): TaskKind {
  const k = binding.output.labels.length;
  if (k < 2) {
    throw new BindingError(`binding.output.labels names ${k} class${k === 1 ? '' : 'es'}; a classifier needs at least two (for one sigmoid unit: [label when low, label when high]).`);
  }
  return k === 2 ? 'binary-classification' : 'multiclass-classification';
}

export function modalityOf(binding: Binding): Modality {
  return binding.kind;
}

/** Values per encoded sample. */
export function encodedWidth(binding: Binding): number {
  return binding.kind === 'tabular' ? tabularWidth(binding) : binding.width * binding.height * binding.channels;
}

/** Shape of one encoded sample: [width] for tabular, [c, h, w] or [h, w, c] for images. */
export function sampleShapeOf(binding: Binding): number[] {
  return binding.kind === 'tabular' ? [tabularWidth(binding)] : imageSampleShape(binding);
}

/** [min, max] of an encoded image value (for ε as a fraction of the input range); null for tabular bindings. */
export function inputRange(binding: Binding): [number, number] | null {
  return binding.kind === 'image' ? imageInputRange(binding) : null;
}

const count = (n: number): string => n.toLocaleString('en-US');

/** Throws when the model takes another number of values per sample than the binding encodes. */
export function checkInputWidth(binding: Binding, modelWidth: number, inputName?: string): void {
  const width = encodedWidth(binding);
  if (width === modelWidth) return;
  const input = inputName ? `the model input '${inputName}'` : 'the model input';
  if (binding.kind === 'tabular') {
    throw new BindingError(
      `The binding encodes ${count(width)} values per row but ${input} takes ${count(modelWidth)}. ` +
        'Check the one-hot vocabularies (each value takes one input) and the feature list against how the model was trained, or choose the binding written for this model.',
    );
  }
  throw new BindingError(
    `The binding encodes ${binding.channels}×${binding.height}×${binding.width} = ${count(width)} values per image but ${input} takes ${count(modelWidth)}. ` +
      'Set width, height and channels in the binding to the size the model expects.',
  );
}

function checkModality(binding: Binding, dataset: Dataset): void {
  if (binding.kind === dataset.data.kind) return;
  const what = (k: string): string => (k === 'tabular' ? 'a table of rows' : 'images');
  throw new BindingError(
    `The binding is for ${what(binding.kind)} but the dataset '${dataset.manifest.name}' holds ${what(dataset.data.kind)}. Choose a dataset that fits the model, or the binding written for it.`,
  );
}

function listCounts(counts: Map<string, number>, limit = 8): string {
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, limit).map(([v, c]) => `'${v}' (${count(c)} row${c === 1 ? '' : 's'})`);
  return shown.join(', ') + (sorted.length > limit ? ` and ${sorted.length - limit} more` : '');
}

/** How messages name where labels come from. */
interface LabelSource {
  /** e.g. "Target column 'y' holds values" (followed by "that are not among…"). */
  holds: string;
  empty: string;
  in: string;
}

/** Class index per sample, −1 when missing; unknown labels are an error naming them. */
function labelIndices(
  labels: string[],
  n: number,
  valueAt: (i: number) => string | number | null,
  source: LabelSource,
  notes: string[],
): Int32Array {
  const index = makeValueIndex(labels);
  const y = new Int32Array(n);
  const unknown = new Map<string, number>();
  const seen = new Int32Array(labels.length);
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const v = valueAt(i);
    const text = cellText(v);
    if (text === null) {
      y[i] = -1;
      missing++;
      continue;
    }
    const k = lookupValue(index, v);
    y[i] = k;
    if (k >= 0) seen[k]++;
    else unknown.set(text, (unknown.get(text) ?? 0) + 1);
  }
  if (unknown.size > 0) {
    throw new BindingError(
      `${source.holds} that are not among the binding's labels: ${listCounts(unknown)}. ` +
        `The labels are ${labels.map((l) => `'${l}'`).join(', ')}. Fix binding.output.labels, or choose the right target column.`,
    );
  }
  if (missing === n) notes.push(`No sample has a label (${source.empty}), so only label-free probes can run.`);
  else if (missing > 0) notes.push(`${count(missing)} of ${count(n)} samples have no label ${source.in}; they count as unlabelled.`);
  const absent = labels.filter((_, k) => seen[k] === 0);
  if (missing < n && absent.length > 0) {
    notes.push(`No sample has the label${absent.length === 1 ? '' : 's'} ${absent.map((l) => `'${l}'`).join(', ')}; metrics for ${absent.length === 1 ? 'that class are' : 'those classes are'} undefined.`);
  }
  return y;
}

function statsNotes(stats: EncodeStats, binding: TabularBinding, n: number): string[] {
  const notes: string[] = [];
  for (const [column, c] of stats.imputed) {
    const f = binding.features.find((x) => x.column === column && x.kind === 'numeric');
    const impute = f && f.kind === 'numeric' ? (f.impute ?? 0) : 0;
    notes.push(`Column '${column}': ${count(c)} of ${count(n)} rows are missing a number and were given ${impute} (the binding's impute value).`);
  }
  for (const [column, values] of stats.unknown) {
    let total = 0;
    for (const c of values.values()) total += c;
    notes.push(`Column '${column}': ${count(total)} of ${count(n)} rows hold values outside the one-hot vocabulary and encode as all zeros: ${listCounts(values, 5)}.`);
  }
  return notes;
}

function prepareTabular(
  dataset: Dataset,
  data: TabularData,
  binding: TabularBinding,
  n: number,
  opts: PrepareOptions,
): PreparedData & { notes: string[] } {
  const notes: string[] = [];
  const table: ExtendedTable = extendTable(data.rows, data.columns, binding, n);
  binding.features.forEach((f, i) => requireColumn(table.columns, f.column, `feature ${i + 1}`));
  const targetCol = requireColumn(table.columns, binding.target, 'target');
  const sensitiveCols = binding.sensitive.map((s) => requireColumn(table.columns, s, 'sensitive attribute'));
  const splitCol = binding.split ? requireColumn(table.columns, binding.split.column, 'split') : -1;
  if (opts.sampleSize != null) checkInputWidth(binding, opts.sampleSize, opts.inputName);

  const y = labelIndices(binding.output.labels, n, (r) => cellAt(table, r, targetCol), {
    holds: `Target column '${binding.target}' holds values`,
    empty: `target column '${binding.target}' is empty`,
    in: `in target column '${binding.target}'`,
  }, notes);
  const stats: EncodeStats = { imputed: new Map(), unknown: new Map() };
  const x = encodeExtended(table, binding, stats);
  notes.push(...statsNotes(stats, binding, n));

  const sensitive: Record<string, string[]> = {};
  binding.sensitive.forEach((name, s) => {
    const col = sensitiveCols[s];
    const values = new Array<string>(n);
    for (let r = 0; r < n; r++) values[r] = cellText(cellAt(table, r, col)) ?? MISSING_GROUP;
    sensitive[name] = values;
  });

  let member: boolean[] | null = null;
  if (binding.split) {
    const want = binding.split.member.trim();
    member = new Array<boolean>(n);
    let members = 0;
    for (let r = 0; r < n; r++) {
      member[r] = cellText(cellAt(table, r, splitCol)) === want;
      if (member[r]) members++;
    }
    notes.push(`Split column '${binding.split.column}': ${count(members)} member rows ('${want}') and ${count(n - members)} non-member rows.`);
    if (members === 0 || members === n) {
      notes.push(`The split column gives ${members === 0 ? 'no member' : 'no non-member'} rows, so membership probes cannot compare the two.`);
    }
  }
  return { dataset, binding, n, x, sampleSize: tabularWidth(binding), y, sensitive, member, notes };
}

function prepareImages(
  dataset: Dataset,
  data: ImageData8,
  binding: ImageBinding,
  n: number,
  opts: PrepareOptions,
): PreparedData & { notes: string[] } {
  const notes: string[] = [];
  if (opts.sampleSize != null) checkInputWidth(binding, opts.sampleSize, opts.inputName);
  const y = labelIndices(binding.output.labels, n, (i) => data.labels[i], {
    holds: 'The images have labels',
    empty: 'the images are unlabelled',
    in: '(no label in the file name or labels file)',
  }, notes);
  if (data.width !== binding.width || data.height !== binding.height) {
    notes.push(`Images are ${data.width}×${data.height}; they are resized (bilinear) to ${binding.width}×${binding.height} for the model.`);
  }
  if (data.channels !== binding.channels) {
    notes.push(data.channels === 1 ? 'Gray images are repeated into three channels for the model.' : 'Colour images are converted to gray (ITU-R BT.601 luma) for the model.');
  }
  const perImage = data.width * data.height * data.channels;
  const x = encodeImages(data.pixels.subarray(0, n * perImage), n, data.width, data.height, data.channels, binding);
  return { dataset, binding, n, x, sampleSize: encodedWidth(binding), y, sensitive: {}, member: null, notes };
}

export interface PrepareOptions {
  /** Evaluate the first `limit` rows or images; null or undefined for all. */
  limit?: number | null;
  /** Values per sample the model's input takes; a mismatch with the binding is an error. */
  sampleSize?: number | null;
  /** The model input's name, for messages. */
  inputName?: string;
}

/**
 * Encodes a dataset through a binding. Throws BindingError when a column is missing, a numeric cell
 * holds text, a target value is not a label, or the width does not fit the model; returns notes
 * (imputed cells, values outside a vocabulary, absent classes, resizing) for the run to show.
 */
export function prepareData(dataset: Dataset, binding: Binding, opts: PrepareOptions = {}): PreparedData & { notes: string[] } {
  checkModality(binding, dataset);
  const total = dataset.data.kind === 'tabular' ? dataset.data.rows.length : dataset.data.labels.length;
  const n = opts.limit != null && opts.limit >= 0 ? Math.min(Math.floor(opts.limit), total) : total;
  if (n === 0) {
    throw new BindingError(`There are no samples to evaluate (${opts.limit === 0 ? 'the limit is 0' : 'the dataset is empty'}). Raise the limit or choose a dataset with data in it.`);
  }
  return dataset.data.kind === 'tabular'
    ? prepareTabular(dataset, dataset.data, binding as TabularBinding, n, opts)
    : prepareImages(dataset, dataset.data, binding as ImageBinding, n, opts);
}

/**
 * Checks that a binding fits a dataset: every column it names exists, numeric columns hold numbers,
 * target values are among the labels. Throws BindingError on the first problem; returns notes.
 */
export function checkBindingAgainstData(binding: Binding, dataset: Dataset, opts: { limit?: number | null } = {}): { notes: string[] } {
  return { notes: prepareData(dataset, binding, { limit: opts.limit }).notes };
}
