import type { Cell, Dataset, DatasetManifest } from '../core/types';

/** How many distinct values of a column are listed for the binding editor. */
const MAX_VALUES = 30;

/** What the page needs to know about a dataset opened in the worker, without its bulk. */
export interface DatasetPreview {
  manifest: DatasetManifest;
  kind: 'tabular' | 'image';
  /** Tabular: column names, the first rows, and each column's most frequent values with counts. */
  columns: string[];
  head: Cell[][];
  values: Record<string, { value: string; count: number }[]>;
  /** Images: size and channels, and the label counts. */
  image?: { width: number; height: number; channels: number };
  labels: { value: string; count: number }[];
}

export function previewDataset(dataset: Dataset): DatasetPreview {
  const { manifest, data } = dataset;
  if (data.kind === 'image') {
    return {
      manifest, kind: 'image', columns: [], head: [], values: {},
      image: { width: data.width, height: data.height, channels: data.channels },
      labels: topValues(data.labels),
    };
  }
  const values: DatasetPreview['values'] = {};
  data.columns.forEach((column, index) => {
    values[column] = topValues(data.rows.map((row) => row[index]));
  });
  return { manifest, kind: 'tabular', columns: data.columns, head: data.rows.slice(0, 5), values, labels: [] };
}

function topValues(cells: (Cell | undefined)[]): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const cell of cells) {
    const key = cell === null || cell === undefined ? '(missing)' : String(cell);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_VALUES)
    .map(([value, count]) => ({ value, count }));
}
