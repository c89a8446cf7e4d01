import * as tf from '@tensorflow/tfjs';
import { installFastCpuKernels } from './demo/fast-cpu-kernels';
import { buildMnistSplit } from './demo/mnist-data';
import { mnistCnn } from './demo/architectures';
import { digitsToTensor, argmaxAccuracy } from './demo/mnist-model';
import { train, predict } from './demo/train';
await tf.setBackend('cpu'); installFastCpuKernels();
const { train: tr, demo } = buildMnistSplit();
const lr = Number(process.argv[2]); const bs = Number(process.argv[3]);
const model = mnistCnn('mnist_cnn');
const x = digitsToTensor(tr), y = tf.oneHot(tf.tensor1d(tr.labels, 'int32'), 10), dx = digitsToTensor(demo);
const t0 = Date.now();
train(model, { x, y }, { name: 'mnist-cnn', epochs: 3, batchSize: bs, learningRate: lr, loss: 'categorical',
  onEpoch: (e, l) => console.log(lr, bs, 'epoch', e, 'loss', l.toFixed(4), 'demo acc', argmaxAccuracy(predict(model, dx), demo.labels), 's', (Date.now()-t0)/1000) });
