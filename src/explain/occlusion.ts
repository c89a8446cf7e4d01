/**
 * Occlusion (Zeiler & Fergus 2014, "Visualizing and Understanding Convolutional Networks", §4.2):
 * slide a square window over the image, fill it with a baseline, and record how much the class
 * probability falls. As in Captum's `Occlusion`, each pixel's attribution is the mean drop over
 * the windows that cover it. Windows start every `stride` pixels and always reach the far edge.
 */
import { slotOf, type ImageShape } from './groups';
import { checkSignal, samplesPerCall, type ExplainModel } from './model';

/** Window origins along one axis: 0, stride, 2·stride, …, with the last one flush with the edge. */
export function windowStarts(length: number, window: number, stride: number): number[] {
  const w = Math.min(window, length);
  const starts: number[] = [];
  for (let s = 0; s + w <= length; s += Math.max(1, stride)) starts.push(s);
  if (starts[starts.length - 1] !== length - w) starts.push(length - w);
  return starts;
}

/** Pixel map (height × width) of mean probability drops for class `target`. */
export async function occlusion(
  model: ExplainModel,
  x: Float32Array,
  shape: ImageShape,
  baseline: Float32Array,
  target: number,
  options: { window: number; stride: number; onProgress?: (fraction: number) => void },
): Promise<Float32Array> {
  const size = x.length;
  const win = Math.max(1, Math.min(options.window, shape.width, shape.height));
  const rows = windowStarts(shape.height, win, options.stride);
  const cols = windowStarts(shape.width, win, options.stride);
  const windows = rows.flatMap((r) => cols.map((c) => [r, c] as const));
  checkSignal(model);
  const fx = (await model.predict(x, 1))[target];
  const drops = new Float64Array(shape.width * shape.height);
  const covered = new Float64Array(shape.width * shape.height);
  const per = samplesPerCall(size);
  for (let start = 0; start < windows.length; start += per) {
    checkSignal(model);
    const chunk = windows.slice(start, start + per);
    const batch = new Float32Array(chunk.length * size);
    chunk.forEach(([r0, c0], j) => {
      const o = j * size;
      batch.set(x, o);
      for (let r = r0; r < r0 + win; r++) {
        for (let c = c0; c < c0 + win; c++) {
          for (let ch = 0; ch < shape.channels; ch++) {
            const s = slotOf(shape, r, c, ch);
            batch[o + s] = baseline[s];
          }
        }
      }
    });
    const probs = await model.predict(batch, chunk.length);
    chunk.forEach(([r0, c0], j) => {
      const drop = fx - probs[j * model.classes + target];
      for (let r = r0; r < r0 + win; r++) {
        for (let c = c0; c < c0 + win; c++) {
          drops[r * shape.width + c] += drop;
          covered[r * shape.width + c] += 1;
        }
      }
    });
    options.onProgress?.(Math.min(1, (start + chunk.length) / windows.length));
  }
  return Float32Array.from(drops, (d, i) => (covered[i] > 0 ? d / covered[i] : 0));
}
