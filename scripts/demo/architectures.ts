/**
 * The demo models' layer stacks. Every layer is named and every initializer seeded, so the saved
 * model.json and weights are the same on every run (tfjs would otherwise number layers by creation
 * order and draw initial weights from an unseeded generator).
 */
import * as tf from '@tensorflow/tfjs';
import { intSeed } from './seeds';

export interface MlpSpec {
  /** Model name; also the seed stream of its initializers. */
  name: string;
  inputWidth: number;
  hidden: number[];
  /** Dropout rate after each hidden layer (0 or absent: none). */
  dropout?: number;
}

/** Dense ReLU layers, then one sigmoid unit = P(high_wage = 'yes'). */
export function wagesMlp(spec: MlpSpec): tf.Sequential {
  const model = tf.sequential({ name: spec.name });
  spec.hidden.forEach((units, i) => {
    model.add(tf.layers.dense({
      name: `hidden${i + 1}`, units, activation: 'relu',
      ...(i === 0 ? { inputShape: [spec.inputWidth] } : {}),
      kernelInitializer: tf.initializers.heUniform({ seed: intSeed(`${spec.name}/hidden${i + 1}`) }),
    }));
    if (spec.dropout) model.add(tf.layers.dropout({ name: `dropout${i + 1}`, rate: spec.dropout }));
  });
  model.add(tf.layers.dense({
    name: 'score', units: 1, activation: 'sigmoid',
    kernelInitializer: tf.initializers.glorotUniform({ seed: intSeed(`${spec.name}/score`) }),
  }));
  return model;
}

/** Conv(8, 3×3) → ReLU → MaxPool 2 → Conv(16, 3×3) → ReLU → MaxPool 2 → Flatten → Dense(10) → softmax; input [N, 28, 28, 1], pixels / 255. */
export function mnistCnn(name: string): tf.Sequential {
  const he = (layer: string) => tf.initializers.heNormal({ seed: intSeed(`${name}/${layer}`) });
  const model = tf.sequential({ name });
  model.add(tf.layers.conv2d({ name: 'conv1', inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu', kernelInitializer: he('conv1') }));
  model.add(tf.layers.maxPooling2d({ name: 'pool1', poolSize: 2 }));
  model.add(tf.layers.conv2d({ name: 'conv2', filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer: he('conv2') }));
  model.add(tf.layers.maxPooling2d({ name: 'pool2', poolSize: 2 }));
  model.add(tf.layers.flatten({ name: 'flatten' }));
  model.add(tf.layers.dense({
    name: 'digits', units: 10, activation: 'softmax',
    kernelInitializer: tf.initializers.glorotUniform({ seed: intSeed(`${name}/digits`) }),
  }));
  return model;
}
