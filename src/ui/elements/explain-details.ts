/**
 * Readers for the `details` the explainability probes store (src/probes/explainability/), checked
 * just enough that a run from another version draws nothing rather than something wrong.
 */
import type { Json } from '../../core/types';
import type { EncodedImage, EncodedMap } from '../../explain/encode-map';

type Details = { [key: string]: Json } | undefined;
type Obj = { [key: string]: Json };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const numbers = (v: unknown): number[] | null => (Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : null);
const strings = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function readEncodedMap(v: unknown): EncodedMap | null {
  if (!isObj(v)) return null;
  const { width, height, scale, data } = v;
  return typeof width === 'number' && typeof height === 'number' && typeof scale === 'number' && typeof data === 'string' ? { width, height, scale, data } : null;
}

export function readEncodedImage(v: unknown): EncodedImage | null {
  if (!isObj(v)) return null;
  const { width, height, channels, data } = v;
  return typeof width === 'number' && typeof height === 'number' && (channels === 1 || channels === 3) && typeof data === 'string' ? { width, height, channels, data } : null;
}

export interface AttributionRow {
  index: number;
  label: string | null;
  predicted: string;
  class: string;
  probability: number;
  /** The explained value (probability or logit margin) of the row; the KernelSHAP values add up to explained − base. */
  explained: number;
  base: number;
  values: string[];
  /** Attributions by method id ('kernel-shap', 'lime', 'integrated-gradients'). */
  methods: Record<string, number[]>;
}

export interface TabularAttributionDetails {
  /** 'probability' or 'margin' (logit margin). */
  scale: string;
  features: string[];
  explainedClass: string | null;
  methods: string[];
  rows: AttributionRow[];
  globalShap: number[];
}

const ROW_METHOD_KEYS: Record<string, string> = { shap: 'kernel-shap', lime: 'lime', ig: 'integrated-gradients' };

export function readTabularAttributions(d: Details): TabularAttributionDetails | null {
  const features = strings(d?.features);
  const rows = d?.rows;
  if (!features || !Array.isArray(rows)) return null;
  const read: AttributionRow[] = [];
  for (const r of rows) {
    if (!isObj(r)) return null;
    const values = strings(r.values);
    const methods: Record<string, number[]> = {};
    for (const [key, id] of Object.entries(ROW_METHOD_KEYS)) {
      const v = numbers(r[key]);
      if (v && v.length === features.length) methods[id] = v;
    }
    if (!values || !methods['kernel-shap']) return null;
    read.push({
      index: num(r.index) ?? 0, label: text(r.label), predicted: text(r.predicted) ?? '', class: text(r.class) ?? '',
      probability: num(r.probability) ?? NaN, explained: num(r.explained) ?? num(r.probability) ?? NaN, base: num(r.base) ?? NaN, values, methods,
    });
  }
  return {
    scale: text(d?.scale) ?? 'probability',
    features,
    explainedClass: text(d?.explainedClass),
    methods: strings(d?.methods) ?? ['kernel-shap', 'lime'],
    rows: read,
    globalShap: numbers(d?.globalShap) ?? [],
  };
}

export interface ImageMethodInfo {
  id: string;
  title: string;
  description: string;
  signed: boolean;
}

export interface ExplainedImage {
  index: number;
  name: string;
  label: string | null;
  class: string;
  probability: number;
  image: EncodedImage | null;
  maps: Record<string, EncodedMap>;
}

export function readImageAttributions(d: Details): { methods: ImageMethodInfo[]; images: ExplainedImage[] } | null {
  if (!Array.isArray(d?.methods) || !Array.isArray(d?.images)) return null;
  const methods: ImageMethodInfo[] = [];
  for (const m of d.methods) {
    if (!isObj(m) || typeof m.id !== 'string') return null;
    methods.push({ id: m.id, title: text(m.title) ?? m.id, description: text(m.description) ?? '', signed: m.signed !== false });
  }
  const images: ExplainedImage[] = [];
  for (const im of d.images) {
    if (!isObj(im) || !isObj(im.maps)) return null;
    const maps: Record<string, EncodedMap> = {};
    for (const [id, v] of Object.entries(im.maps)) {
      const map = readEncodedMap(v);
      if (map) maps[id] = map;
    }
    images.push({
      index: num(im.index) ?? 0, name: text(im.name) ?? '', label: text(im.label), class: text(im.class) ?? '',
      probability: num(im.probability) ?? NaN, image: readEncodedImage(im.image), maps,
    });
  }
  return { methods, images };
}

export interface ImportanceFeature {
  column: string;
  sensitive: boolean;
  importance: number;
  std: number;
  low: number | null;
  high: number | null;
}

export interface DependenceCurve {
  column: string;
  grid: number[];
  classes: string[];
  values: number[][];
}

export interface ImportanceDetails {
  score: string;
  baselineScore: number | null;
  rows: number | null;
  features: ImportanceFeature[];
  dependence: DependenceCurve[];
}

export function readImportance(d: Details): ImportanceDetails | null {
  if (!Array.isArray(d?.features)) return null;
  const features: ImportanceFeature[] = [];
  for (const f of d.features) {
    if (!isObj(f) || typeof f.column !== 'string' || typeof f.importance !== 'number') return null;
    features.push({ column: f.column, sensitive: f.sensitive === true, importance: f.importance, std: num(f.std) ?? 0, low: num(f.low), high: num(f.high) });
  }
  const dependence: DependenceCurve[] = [];
  for (const c of Array.isArray(d.dependence) ? d.dependence : []) {
    if (!isObj(c)) continue;
    const grid = numbers(c.grid);
    const classes = strings(c.classes);
    const values = Array.isArray(c.values) ? c.values.map(numbers) : null;
    if (typeof c.column === 'string' && grid && classes && values && values.every((v) => v && v.length === grid.length)) {
      dependence.push({ column: c.column, grid, classes, values: values as number[][] });
    }
  }
  return { score: text(d.score) ?? 'score', baselineScore: num(d.baselineScore), rows: num(d.rows), features, dependence };
}

export interface CurveSet {
  deletion: number[];
  insertion: number[];
  randomDeletion: number[];
  randomInsertion: number[];
}

export function readFaithfulness(d: Details): { methodTitle: string; unit: string; fractions: number[]; curves: CurveSet } | null {
  const fractions = numbers(d?.fractions);
  const c = d?.curves;
  if (!fractions || !isObj(c)) return null;
  const curves = {
    deletion: numbers(c.deletion), insertion: numbers(c.insertion), randomDeletion: numbers(c.randomDeletion), randomInsertion: numbers(c.randomInsertion),
  };
  if (Object.values(curves).some((v) => !v || v.length !== fractions.length)) return null;
  return { methodTitle: text(d?.methodTitle) ?? text(d?.method) ?? 'the method', unit: text(d?.unit) ?? 'features', fractions, curves: curves as CurveSet };
}

export interface RandomisationPicture {
  index: number;
  class: string;
  image: EncodedImage | null;
  trained: EncodedMap;
  randomised: EncodedMap;
}

export interface RandomisationMethod {
  id: string;
  title: string;
  rankCorrelation: number | null;
  main: boolean;
}

export interface RandomisationDetails {
  methodTitle: string;
  methods: RandomisationMethod[];
  samples: { index: number; class: string; rankCorrelation: number | null }[];
  pictures: RandomisationPicture[];
  features: string[] | null;
  meanAbsTrained: number[] | null;
  meanAbsRandomised: number[] | null;
}

export function readRandomisation(d: Details): RandomisationDetails | null {
  if (!Array.isArray(d?.samples)) return null;
  const samples = d.samples.filter(isObj).map((s) => ({ index: num(s.index) ?? 0, class: text(s.class) ?? '', rankCorrelation: num(s.rankCorrelation) }));
  const pictures: RandomisationPicture[] = [];
  for (const p of Array.isArray(d.pictures) ? d.pictures : []) {
    if (!isObj(p)) continue;
    const trained = readEncodedMap(p.trained);
    const randomised = readEncodedMap(p.randomised);
    if (trained && randomised) pictures.push({ index: num(p.index) ?? 0, class: text(p.class) ?? '', image: readEncodedImage(p.image), trained, randomised });
  }
  const methods = (Array.isArray(d.methods) ? d.methods : []).filter(isObj)
    .map((m) => ({ id: text(m.id) ?? '', title: text(m.title) ?? text(m.id) ?? '', rankCorrelation: num(m.rankCorrelation), main: m.main === true }));
  return {
    methodTitle: text(d.methodTitle) ?? 'the method',
    methods,
    samples,
    pictures,
    features: strings(d.features),
    meanAbsTrained: numbers(d.meanAbsTrained),
    meanAbsRandomised: numbers(d.meanAbsRandomised),
  };
}

/** Per-sample rows of the stability and completeness probes, as plain records for a table. */
export function readSampleRows(d: Details): Obj[] {
  return Array.isArray(d?.samples) ? d.samples.filter(isObj) : [];
}
