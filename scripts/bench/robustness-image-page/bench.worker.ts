import { expose } from 'comlink';
import { browserHost } from '../../../src/engine/browser-host';
import { runBench, type BenchInputs } from '../robustness-image-core';

expose({ run: (inputs: BenchInputs) => runBench(browserHost, inputs) });
