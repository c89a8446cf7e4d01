/**
 * What the corruption probes share: corrupt the raw 8-bit pixels of a sample of labelled images with
 * every chosen corruption at every chosen severity, re-encode them through the binding, predict,
 * and report accuracy per corruption × severity (Wilson intervals), per corruption (mean over its
 * severities) and overall, the drop from clean accuracy on the same images, and a contact sheet of
 * one image at every cell. Aggregates are bootstrapped over images, so one resample moves every
 * corruption and the clean accuracy together (they are measured on the same images).
 *
 * The aggregate follows Hendrycks & Dietterich (2019): average over severities, then over
 * corruptions. It is reported as accuracy (higher is better), not as their AlexNet-normalised mCE,
 * which needs a reference model's errors.
 */
import { throwIfCancelled, type ProbeContext } from '../../core/probe';
import type { GroupEstimate, ImageBinding, ImageData8, Json, Measurement } from '../../core/types';
import { argmaxPredictions, knownLabelIndices } from '../../metrics/classification';
import { wilsonInterval } from '../../metrics/wilson';
import type { ImageCorruption } from '../../perturb/corruption';
import { byteCount, type ImageShape } from '../../perturb/image';
import { intervalNotes, seededIntervals, toEstimate } from '../estimates';
import { ProbeParameterError, readBootstrapParams, wholeNumberParam } from '../params';
import { predictAll } from '../predict-all';
import { pixelEncoder } from './encode-pixels';
import { seededSubset } from './subset';
import { thumbnailPng } from './thumbnails';

/** Images corrupted, encoded and predicted per call to the model. */
const CHUNK = 256;

export interface BenchmarkOptions {
  probeId: string;
  catalogue: ImageCorruption[];
  /** Notes about where the parameters come from, for these images. */
  parameterNotes(shape: ImageShape): string[];
  /** Facts about the parameter set, kept in the details. */
  parameterSet(shape: ImageShape): Json;
}

/** Shared parameters of the corruption probes. */
export function corruptionDefaults(): { corruptions: string[]; severities: number[]; samples: number; bootstrap: number; level: number; contactSheet: boolean } {
  return { corruptions: [], severities: [1, 2, 3, 4, 5], samples: 1000, bootstrap: 1000, level: 0.95, contactSheet: true };
}

function readCorruptions(probeId: string, params: Record<string, Json>, catalogue: ImageCorruption[]): ImageCorruption[] {
  const value = params.corruptions;
  const valid = catalogue.map((c) => c.id);
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new ProbeParameterError(`Probe ${probeId}: parameter "corruptions" must be a list of corruption names (empty for all); got ${JSON.stringify(value)}. Valid names: ${valid.join(', ')}.`);
  }
  const unknown = (value as string[]).filter((v) => !valid.includes(v));
  if (unknown.length > 0) {
    throw new ProbeParameterError(`Probe ${probeId}: there is no corruption ${unknown.map((u) => `"${u}"`).join(', ')}. Valid names: ${valid.join(', ')}. Fix it in the suite.`);
  }
  return value.length === 0 ? catalogue : catalogue.filter((c) => (value as string[]).includes(c.id));
}

function readSeverities(probeId: string, params: Record<string, Json>): number[] {
  const value = params.severities;
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5)) {
    throw new ProbeParameterError(`Probe ${probeId}: parameter "severities" must be a non-empty list of whole numbers from 1 to 5; got ${JSON.stringify(value)}. Fix it in the suite.`);
  }
  return [...new Set(value as number[])].sort((a, b) => a - b);
}

interface Cell {
  corruption: ImageCorruption;
  severity: number;
  correct: Uint8Array;
  /** The contact-sheet image after this corruption. */
  example: Uint8Array | null;
}

export async function runCorruptionBenchmark(ctx: ProbeContext<Record<string, Json>>, options: BenchmarkOptions): Promise<Measurement> {
  const { probeId } = options;
  const settings = { ...readBootstrapParams(probeId, ctx.params), rng: ctx.rng, signal: ctx.signal };
  const corruptions = readCorruptions(probeId, ctx.params, options.catalogue);
  const severities = readSeverities(probeId, ctx.params);
  const maxSamples = wholeNumberParam(probeId, ctx.params, 'samples', 1, 1_000_000);
  const wantSheet = ctx.params.contactSheet !== false;
  const { data } = ctx;
  const images = data.dataset.data;
  if (images.kind !== 'image' || data.binding.kind !== 'image') {
    throw new ProbeParameterError(`Probe ${probeId} corrupts image pixels, but the dataset holds a table. Run it on an image dataset.`);
  }
  const binding: ImageBinding = data.binding;
  const shape: ImageShape = { width: images.width, height: images.height, channels: images.channels };
  const bytes = byteCount(shape);

  const k = ctx.model.labels.length;
  const probs = await predictAll(ctx, { share: 0.03 });
  const labelled = knownLabelIndices(data.y);
  const subset = seededSubset(ctx.rng.fork('subset'), labelled, maxSamples);
  const m = subset.length;
  const cleanPred = argmaxPredictions(probs, k);
  const clean = Float64Array.from(subset, (i) => (cleanPred[i] === data.y[i] ? 1 : 0));

  const cells: Cell[] = [];
  for (const corruption of corruptions) {
    const levels = corruption.levels === 1 ? [1] : severities.filter((s) => s <= corruption.levels);
    for (const severity of levels) cells.push({ corruption, severity, correct: new Uint8Array(m), example: null });
  }
  const total = cells.length * m;
  let done = 0;
  const raw = new Uint8Array(Math.min(CHUNK, m) * bytes);
  const encode = pixelEncoder(shape, binding);
  for (const cell of cells) {
    const { corruption, severity } = cell;
    // One preparation stream per corruption: shared material (frost textures) is the same at every severity.
    const apply = corruption.prepare(shape, severity, ctx.rng.fork(`prepare/${corruption.id}`));
    for (let start = 0; start < m; start += CHUNK) {
      throwIfCancelled(ctx.signal);
      const count = Math.min(CHUNK, m - start);
      for (let j = 0; j < count; j++) {
        const index = subset[start + j];
        const src = images.pixels.subarray(index * bytes, (index + 1) * bytes);
        // Each image draws from its own stream: the same image gets the same corruption whatever the sample or chunking.
        apply(src, raw.subarray(j * bytes, (j + 1) * bytes), ctx.rng.fork(`${corruption.id}/${severity}/${index}`));
      }
      if (start === 0 && wantSheet) cell.example = raw.slice(0, bytes);
      const x = encode(raw.subarray(0, count * bytes), count);
      const predicted = argmaxPredictions(await ctx.model.predict(x, count, ctx.signal), k);
      for (let j = 0; j < count; j++) cell.correct[start + j] = predicted[j] === data.y[subset[start + j]] ? 1 : 0;
      done += count;
      ctx.progress(0.03 + (0.92 * done) / total, `${corruption.title}, severity ${severity}: ${start + count} of ${m} images`);
    }
  }
  throwIfCancelled(ctx.signal);
  return summarise(ctx, options, { shape, images, subset, clean, cells, corruptions, severities, settings });
}

function summarise(
  ctx: ProbeContext<Record<string, Json>>,
  options: BenchmarkOptions,
  run: {
    shape: ImageShape;
    images: ImageData8;
    subset: Int32Array;
    clean: Float64Array;
    cells: Cell[];
    corruptions: ImageCorruption[];
    severities: number[];
    settings: ReturnType<typeof readBootstrapParams> & { rng: ProbeContext<unknown>['rng']; signal: AbortSignal };
  },
): Measurement {
  const { shape, images, subset, clean, cells, corruptions, severities, settings } = run;
  const m = subset.length;
  const labelledTotal = knownLabelIndices(ctx.data.y).length;
  // Per image: the share of each corruption's severities it survived.
  const scores = corruptions.map((c) => {
    const mine = cells.filter((cell) => cell.corruption === c);
    const s = new Float64Array(m);
    for (const cell of mine) for (let j = 0; j < m; j++) s[j] += cell.correct[j] / mine.length;
    return s;
  });
  const statistics = (idx: Int32Array | null) => {
    const count = idx ? idx.length : m;
    let cleanSum = 0;
    const sums = new Float64Array(scores.length);
    for (let t = 0; t < count; t++) {
      const j = idx ? idx[t] : t;
      cleanSum += clean[j];
      for (let c = 0; c < scores.length; c++) sums[c] += scores[c][j];
    }
    const perCorruption = Array.from(sums, (s) => s / count);
    const mean = perCorruption.reduce((a, b) => a + b, 0) / perCorruption.length;
    const cleanAccuracy = cleanSum / count;
    const drop = cleanAccuracy - mean;
    const out: Record<string, number | null> = {
      corruption_accuracy: mean,
      clean_accuracy: cleanAccuracy,
      accuracy_drop: drop,
      relative_drop: cleanAccuracy > 0 ? drop / cleanAccuracy : null,
      worst_corruption_accuracy: Math.min(...perCorruption),
    };
    corruptions.forEach((c, i) => { out[`c:${c.id}`] = perCorruption[i]; });
    return out;
  };
  const point = m > 0 ? statistics(null) : null;
  const names = ['corruption_accuracy', 'clean_accuracy', 'accuracy_drop', 'relative_drop', 'worst_corruption_accuracy', ...corruptions.map((c) => `c:${c.id}`)];
  const intervals = m > 0 ? seededIntervals(names, m, (idx) => statistics(idx), settings) : Object.fromEntries(names.map((n) => [n, null]));
  ctx.progress(1);

  const noData = 'no labelled image was evaluated';
  const estimate = (name: string, reason = noData) => toEstimate(point ? point[name] : null, m, intervals[name] ?? null, reason);
  const groups: GroupEstimate[] = corruptions.map((c) => ({ group: c.title, status: 'ok', ...estimate(`c:${c.id}`) }));
  const level = settings.level;
  const cleanInterval = wilsonInterval(clean.reduce((a, b) => a + b, 0), m, level);
  const corruptionDetails = corruptions.map((c) => ({
    id: c.id,
    title: c.title,
    family: c.family,
    levels: c.levels,
    severities: cells.filter((cell) => cell.corruption === c).map((cell) => {
      const correct = cell.correct.reduce((a, b) => a + b, 0);
      const interval = wilsonInterval(correct, m, level);
      return {
        severity: cell.severity,
        accuracy: m > 0 ? correct / m : null,
        low: interval?.low ?? null,
        high: interval?.high ?? null,
        correct,
        n: m,
        parameters: c.parameters(shape, cell.severity),
      };
    }),
  }));
  const sheetIndex = subset.length > 0 ? subset[0] : -1;
  const bytes = byteCount(shape);
  const contactSheet = sheetIndex >= 0 && cells.some((c) => c.example)
    ? {
        sample: sheetIndex,
        name: images.names[sheetIndex] ?? `#${sheetIndex}`,
        label: images.labels[sheetIndex] ?? null,
        clean: thumbnailPng(images.pixels.subarray(sheetIndex * bytes, (sheetIndex + 1) * bytes), shape),
        cells: cells.filter((c) => c.example).map((c) => ({ corruption: c.corruption.id, severity: c.severity, png: thumbnailPng(c.example!, shape) })),
      }
    : null;
  const sampled = m < labelledTotal
    ? `Every corruption and severity is measured on the same ${m.toLocaleString('en-US')} images, a seeded random sample of the ${labelledTotal.toLocaleString('en-US')} labelled ones.`
    : `Every corruption and severity is measured on the same ${m.toLocaleString('en-US')} labelled images.`;
  return {
    ...estimate('corruption_accuracy'),
    groups,
    secondary: {
      clean_accuracy: estimate('clean_accuracy'),
      accuracy_drop: estimate('accuracy_drop'),
      relative_drop: estimate('relative_drop', point && point.clean_accuracy === 0 ? 'the clean accuracy is 0' : noData),
      worst_corruption_accuracy: estimate('worst_corruption_accuracy'),
    },
    notes: [
      sampled,
      ...(labelledTotal < ctx.data.n ? [`${ctx.data.n - labelledTotal} images without a known label were left out.`] : []),
      ...options.parameterNotes(shape),
      `Corruption ran on the raw ${shape.width}×${shape.height}×${shape.channels} pixels, which were then encoded through the binding as the clean images are.`,
      'Accuracy per corruption and severity has a Wilson interval; the aggregates have percentile-bootstrap intervals over images.',
      ...intervalNotes(settings.bootstrap, intervals),
    ],
    details: {
      groupMetric: 'Accuracy under each corruption (mean over its severities)',
      parameterSet: options.parameterSet(shape),
      image: { width: shape.width, height: shape.height, channels: shape.channels },
      severities,
      clean: { accuracy: point?.clean_accuracy ?? null, low: cleanInterval?.low ?? null, high: cleanInterval?.high ?? null, n: m },
      corruptions: corruptionDetails,
      contactSheet,
    },
  };
}
