/**
 * Faster replacements for two tfjs `cpu` training kernels, used only while the demo models train.
 *
 * tfjs-backend-cpu computes Conv2DBackpropFilter and MaxPoolGrad through `TensorBuffer.get(...)`,
 * which costs about 3 s per batch of 64 MNIST images here; these plain typed-array loops do the same
 * sums in a few milliseconds, so the CNN trains in about a minute on two cores. They cover what the
 * demo uses (NHWC, no dilation) and defer to the original kernel for anything else. Both are checked
 * against the originals on random data before training (`checkFastKernels`).
 */
import * as tf from '@tensorflow/tfjs';

type KernelFunc = tf.KernelConfig['kernelFunc'];
type CpuBackend = { data: { get(id: object): { values: Float32Array } }; makeTensorInfo(shape: number[], dtype: string, values: Float32Array): tf.TensorInfo };
type ConvInfo = ReturnType<typeof tf.backend_util.computeConv2DInfo>;

const originals = new Map<string, KernelFunc>();

function valuesOf(backend: unknown, t: tf.TensorInfo): Float32Array {
  return (backend as CpuBackend).data.get(t.dataId).values;
}

/** dW[kh, kw, ci, co] = Σ_{n, oh, ow} x[n, oh·s + kh − pad, ow·s + kw − pad, ci] · dy[n, oh, ow, co]. */
function conv2dBackpropFilter(info: ConvInfo, x: Float32Array, dy: Float32Array): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top, left = info.padInfo.left;
  const dW = new Float32Array(filterHeight * filterWidth * inChannels * outChannels);
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const dyBase = ((n * outHeight + oh) * outWidth + ow) * outChannels;
        for (let kh = 0; kh < filterHeight; kh++) {
          const ih = oh * strideHeight + kh - top;
          if (ih < 0 || ih >= inHeight) continue;
          for (let kw = 0; kw < filterWidth; kw++) {
            const iw = ow * strideWidth + kw - left;
            if (iw < 0 || iw >= inWidth) continue;
            const xBase = ((n * inHeight + ih) * inWidth + iw) * inChannels;
            const wBase = (kh * filterWidth + kw) * inChannels * outChannels;
            for (let ci = 0; ci < inChannels; ci++) {
              const xv = x[xBase + ci];
              if (xv === 0) continue;
              const w = wBase + ci * outChannels;
              for (let co = 0; co < outChannels; co++) dW[w + co] += xv * dy[dyBase + co];
            }
          }
        }
      }
    }
  }
  return dW;
}

/** Routes dy of each pooling window to the first position holding the window's maximum. */
function maxPoolGrad(info: ConvInfo, x: Float32Array, dy: Float32Array): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top, left = info.padInfo.left;
  const dx = new Float32Array(batchSize * inHeight * inWidth * c);
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        for (let ch = 0; ch < c; ch++) {
          let best = -Infinity, bestIndex = -1;
          for (let kh = 0; kh < filterHeight; kh++) {
            const ih = oh * strideHeight + kh - top;
            if (ih < 0 || ih >= inHeight) continue;
            for (let kw = 0; kw < filterWidth; kw++) {
              const iw = ow * strideWidth + kw - left;
              if (iw < 0 || iw >= inWidth) continue;
              const index = ((n * inHeight + ih) * inWidth + iw) * c + ch;
              if (x[index] > best) { best = x[index]; bestIndex = index; }
            }
          }
          if (bestIndex >= 0) dx[bestIndex] += dy[((n * outHeight + oh) * outWidth + ow) * c + ch];
        }
      }
    }
  }
  return dx;
}

const fastConv2dBackpropFilter: KernelFunc = (args) => {
  const { inputs, backend, attrs } = args as unknown as {
    inputs: { x: tf.TensorInfo; dy: tf.TensorInfo }; backend: unknown;
    attrs: { strides: [number, number] | number; pad: 'valid' | 'same' | number; dataFormat: 'NHWC' | 'NCHW'; dimRoundingMode?: 'floor' | 'round' | 'ceil'; filterShape: [number, number, number, number] };
  };
  if (attrs.dataFormat !== 'NHWC' || inputs.x.dtype !== 'float32') return originals.get(tf.Conv2DBackpropFilter)!(args);
  const info = tf.backend_util.computeConv2DInfo(
    inputs.x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
  const dW = conv2dBackpropFilter(info, valuesOf(backend, inputs.x), valuesOf(backend, inputs.dy));
  return (backend as CpuBackend).makeTensorInfo(info.filterShape, 'float32', dW);
};

const fastMaxPoolGrad: KernelFunc = (args) => {
  const { inputs, backend, attrs } = args as unknown as {
    inputs: { dy: tf.TensorInfo; input: tf.TensorInfo }; backend: unknown;
    attrs: { filterSize: [number, number] | number; strides: [number, number] | number; pad: 'valid' | 'same' | number; dimRoundingMode?: 'floor' | 'round' | 'ceil' };
  };
  const info = tf.backend_util.computePool2DInfo(
    inputs.input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const dx = maxPoolGrad(info, valuesOf(backend, inputs.input), valuesOf(backend, inputs.dy));
  return (backend as CpuBackend).makeTensorInfo(inputs.input.shape, 'float32', dx);
};

function replaceKernel(kernelName: string, kernelFunc: KernelFunc): void {
  const current = tf.getKernel(kernelName, 'cpu');
  if (!current) throw new Error(`The tfjs cpu backend has no ${kernelName} kernel to replace. Check the @tensorflow/tfjs version (4.22 expected).`);
  if (!originals.has(kernelName)) originals.set(kernelName, current.kernelFunc);
  tf.unregisterKernel(kernelName, 'cpu');
  tf.registerKernel({ kernelName, backendName: 'cpu', kernelFunc });
}

/** Swaps in the fast kernels (idempotent). Call after `tf.setBackend('cpu')`. */
export function installFastCpuKernels(): void {
  replaceKernel(tf.Conv2DBackpropFilter, fastConv2dBackpropFilter);
  replaceKernel(tf.MaxPoolGrad, fastMaxPoolGrad);
}

/** Largest absolute difference between the fast and the original kernels on a seeded random case. */
export function checkFastKernels(): number {
  const x = tf.randomUniform([3, 9, 9, 2], -1, 1, 'float32', 11);
  const dyConv = tf.randomUniform([3, 7, 7, 4], -1, 1, 'float32', 12);
  const dyPool = tf.randomUniform([3, 4, 4, 2], -1, 1, 'float32', 13);
  const convAttrs = { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 2, 4] };
  const poolAttrs = { filterSize: [2, 2], strides: [2, 2], pad: 'valid' };
  const backend = tf.backend();
  const pairs: [tf.TensorInfo, tf.TensorInfo][] = [
    [fastConv2dBackpropFilter({ inputs: { x, dy: dyConv }, backend, attrs: convAttrs } as never) as tf.TensorInfo,
      originals.get(tf.Conv2DBackpropFilter)!({ inputs: { x, dy: dyConv }, backend, attrs: convAttrs } as never) as tf.TensorInfo],
    [fastMaxPoolGrad({ inputs: { dy: dyPool, input: x }, backend, attrs: poolAttrs } as never) as tf.TensorInfo,
      originals.get(tf.MaxPoolGrad)!({ inputs: { dy: dyPool, input: x, output: tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid') }, backend, attrs: poolAttrs } as never) as tf.TensorInfo],
  ];
  let worst = 0;
  for (const [a, b] of pairs) {
    const va = valuesOf(backend, a), vb = valuesOf(backend, b);
    for (let i = 0; i < va.length; i++) worst = Math.max(worst, Math.abs(va[i] - vb[i]));
  }
  tf.dispose([x, dyConv, dyPool]);
  return worst;
}
