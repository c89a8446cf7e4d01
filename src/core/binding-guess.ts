import type { Binding, FeatureSpec, ModelInfo } from './types';

/** The parts of a dataset preview a first binding can be guessed from. */
export interface DatasetShape {
  kind: 'tabular' | 'image';
  columns: string[];
  values: Record<string, { value: string; count: number }[]>;
  image?: { width: number; height: number; channels: number };
  labels: { value: string; count: number }[];
}

/**
 * A starting binding for a model with no shipped one: a guess the user is expected to check and
 * edit. Tabular: every column but the last is a feature (numeric when every listed value is a
 * number, otherwise one-hot over the listed values), the last is the target. Images: layout and
 * size from the model's first input, 0–1 range.
 */
export function guessBinding(model: ModelInfo, data: DatasetShape): Binding {
  const width = outputWidth(model);
  if (data.kind === 'image') {
    const shape = (model.inputs[0]?.shape ?? []).map((d) => (typeof d === 'number' ? d : null));
    const channelsFirst = shape.length === 4 && (shape[1] === 1 || shape[1] === 3);
    const [h, w, c] = channelsFirst ? [shape[2], shape[3], shape[1]] : [shape[1], shape[2], shape[3]];
    const labels = data.labels.map((l) => l.value).filter((v) => v !== '(missing)').sort(naturalOrder);
    return {
      kind: 'image',
      layout: channelsFirst ? 'NCHW' : 'NHWC',
      channels: c === 3 ? 3 : 1,
      width: w ?? data.image?.width ?? 28,
      height: h ?? data.image?.height ?? 28,
      range: [0, 1],
      channelOrder: 'RGB',
      output: { kind: 'logits', labels: labels.length === width ? labels : Array.from({ length: width ?? 2 }, (_, i) => String(i)) },
    };
  }
  const target = data.columns[data.columns.length - 1] ?? '';
  const features: FeatureSpec[] = data.columns.slice(0, -1).map((column) => {
    const values = data.values[column] ?? [];
    const numeric = values.every((v) => v.value === '(missing)' || Number.isFinite(Number(v.value)));
    return numeric
      ? { column, kind: 'numeric' }
      : { column, kind: 'one-hot', vocabulary: values.map((v) => v.value).filter((v) => v !== '(missing)') };
  });
  const labels = (data.values[target] ?? []).map((v) => v.value).filter((v) => v !== '(missing)').sort(naturalOrder);
  return {
    kind: 'tabular',
    features,
    target,
    sensitive: [],
    output: { kind: 'probabilities', labels, ...(labels.length === 2 ? { positive: labels[1] } : {}) },
  };
}

function outputWidth(model: ModelInfo): number | null {
  const last = model.outputs.find((o) => o.dtype.startsWith('float'))?.shape.at(-1);
  return typeof last === 'number' ? last : null;
}

function naturalOrder(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true });
}
