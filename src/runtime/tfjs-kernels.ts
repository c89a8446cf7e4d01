/**
 * Backward kernels a TF.js backend lacks, supplied in plain JavaScript.
 *
 * TF.js's wasm backend has no `Conv2DBackpropFilter`. Input gradients do not need the filter's
 * gradient, but layers models run convolutions through `tf.fused.conv2d`, whose gradient computes
 * the derivatives of every input eagerly, so any conv model's input gradient calls it. The cpu
 * backend has the kernel but is slow (a gradient of eight 64×64 TinyVGG images takes about 14 s
 * there, 0.2 s on wasm with this kernel), so the kernel is registered for wasm instead. Other missing kernels (depthwise
 * convolutions' backprop) make tfjs.ts take gradients on the cpu backend.
 */
import * as tf from '@tensorflow/tfjs';

type Attrs = {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
};

/**
 * dW[kh, kw, ci, co] = Σ over batch and output positions of x[b, ih, iw, ci] · dy[b, oh, ow, co],
 * with ih = oh·strideH − padTop + kh (the same for width); dilations are 1, as TF.js's conv gradient requires.
 */
export function conv2dBackpropFilter(
  x: Float32Array,
  xShape: [number, number, number, number],
  dy: Float32Array,
  attrs: Attrs,
): { values: Float32Array; shape: [number, number, number, number] } {
  const info = tf.backend_util.computeConv2DInfo(
    xShape, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false,
    tf.backend_util.convertConv2DDataFormat(attrs.dataFormat),
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  const nhwc = attrs.dataFormat !== 'NCHW';
  // Element strides of x and dy per [batch, row, column, channel], whichever the layout.
  const xs = nhwc
    ? [inHeight * inWidth * inChannels, inWidth * inChannels, inChannels, 1]
    : [inChannels * inHeight * inWidth, inWidth, 1, inHeight * inWidth];
  const ds = nhwc
    ? [outHeight * outWidth * outChannels, outWidth * outChannels, outChannels, 1]
    : [outChannels * outHeight * outWidth, outWidth, 1, outHeight * outWidth];
  const dW = new Float32Array(filterHeight * filterWidth * inChannels * outChannels);
  const grad = new Float64Array(outChannels);
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const dBase = b * ds[0] + oh * ds[1] + ow * ds[2];
        for (let co = 0; co < outChannels; co++) grad[co] = dy[dBase + co * ds[3]];
        for (let kh = 0; kh < filterHeight; kh++) {
          const ih = oh * strideHeight - top + kh;
          if (ih < 0 || ih >= inHeight) continue;
          for (let kw = 0; kw < filterWidth; kw++) {
            const iw = ow * strideWidth - left + kw;
            if (iw < 0 || iw >= inWidth) continue;
            const xBase = b * xs[0] + ih * xs[1] + iw * xs[2];
            const wBase = (kh * filterWidth + kw) * inChannels * outChannels;
            for (let ci = 0; ci < inChannels; ci++) {
              const v = x[xBase + ci * xs[3]];
              if (v === 0) continue;
              const row = wBase + ci * outChannels;
              for (let co = 0; co < outChannels; co++) dW[row + co] += v * grad[co];
            }
          }
        }
      }
    }
  }
  return { values: dW, shape: attrs.filterShape };
}

const registered = new Set<string>();

/**
 * Registers the JavaScript kernels this module has for a backend that lacks them (only wasm so
 * far). Never replaces a kernel the backend has. Safe to call more than once.
 */
export function registerMissingKernels(backendName: 'wasm'): void {
  if (registered.has(backendName)) return;
  registered.add(backendName);
  if (tf.getKernel('Conv2DBackpropFilter', backendName)) return;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName,
    kernelFunc: ({ inputs, backend: kernelBackend, attrs }) => {
      const backend = kernelBackend as unknown as { readSync(dataId: tf.DataId): ArrayLike<number> };
      const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const floats = (t: tf.TensorInfo) => {
        const values = backend.readSync(t.dataId);
        return values instanceof Float32Array ? values : Float32Array.from(values as ArrayLike<number>);
      };
      const out = conv2dBackpropFilter(
        floats(x),
        x.shape as [number, number, number, number],
        floats(dy),
        attrs as unknown as Attrs,
      );
      // KernelBackend.write copies the values into the backend's memory (the wasm heap).
      const storage = backend as unknown as { write(values: Float32Array, shape: number[], dtype: 'float32'): tf.DataId };
      return { dataId: storage.write(out.values, out.shape, 'float32'), shape: out.shape, dtype: 'float32' };
    },
  });
}
