/**
 * Benchmark: how soon a cancelled run settles, cancelled at several points inside long probes —
 * during the image corruptions, inside a PGD attack, inside a fairness bootstrap, inside
 * KernelSHAP — on the engine in Node (the CLI's engine; in the browser the same engine runs in the
 * worker and the page also stops a worker that has not settled 0.8 s after Cancel).
 *   npx tsx scripts/bench/cancel.ts
 * Each probe is first run to the end alone to learn its duration D; then it is run again and
 * cancelled at 25 %, 50 % and 75 % of D after it started, both ways the app cancels: another
 * thread raises the run's shared cancel flag at that moment (as the page does), and a timer calls
 * `service.cancel(runId)` (as the page's cancel message does; like the message, the timer runs
 * only when the engine yields). "settled" is the time from the moment asked for to the run
 * promise settling; "message only" is the same without the shared flag (a browser without
 * cross-origin isolation). Target: settled ≤ 1,000 ms. Uses
 * ../shared/reference (the Adult MLP and data) when present, else the demo wages model; the
 * MNIST demo CNN for the image probes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { bindingById, findBinding } from '../../src/bindings/index';
import type { Binding, Progress, Suite } from '../../src/core/types';
import { nodeHost } from '../../src/engine/node-host';
import { createEvalService } from '../../src/engine/service';
import { findSuite } from '../../src/suites/catalogue';
import { benchSuite as fairnessSuite, ADULT_CSV, ADULT_MODEL_DIR, ADULT_MODEL_FILES } from './fairness-suite';
import { benchSuite as kernelShapSuite } from './kernelshap-suite';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REFERENCE = `${ROOT}../shared/reference/`;
const DEMO = `${ROOT}public/demo/`;
const TARGET_MS = 1000;
const POINTS = [0.25, 0.5, 0.75];

const service = createEvalService(nodeHost);
const read = (path: string, name = path.split('/').pop()!) => ({ path: name, bytes: new Uint8Array(readFileSync(path)) });

interface Scenario {
  name: string;
  modelSha256: string;
  datasetSha256: string;
  binding: Binding;
  suite: Suite;
  limit: number | null;
}

function oneProbe(base: Suite, probe: Suite['probes'][number]): Suite {
  return { ...base, id: `bench-cancel-${probe.id}`, probes: [probe] };
}

async function scenarios(): Promise<Scenario[]> {
  const mnist = await service.openModel(['model.json', 'weights.bin'].map((f) => read(`${DEMO}models/mnist-cnn/${f}`)), 'auto');
  const digits = await service.openDataset([read(`${DEMO}mnist-demo-images.idx.gz`), read(`${DEMO}mnist-demo-labels.idx.gz`)]);
  const imageBinding = findBinding(mnist.sha256)!.binding;
  const imageSuite = findSuite('standard', 'image', 'multiclass-classification');
  const pick = (suite: Suite, id: string) => oneProbe(suite, suite.probes.find((p) => p.id === id)!);
  const image = { modelSha256: mnist.sha256, datasetSha256: digits.manifest.sha256, binding: imageBinding };
  const list: Scenario[] = [
    { name: 'corruptions (MNIST CNN, 300 digits)', ...image, suite: pick(imageSuite, 'robustness/corruptions'), limit: 300 },
    { name: 'white-box PGD (MNIST CNN, 200 digits)', ...image, suite: pick(imageSuite, 'robustness/white-box-attacks'), limit: 200 },
  ];
  if (existsSync(REFERENCE)) {
    const adult = await service.openModel(ADULT_MODEL_FILES.map((f) => read(REFERENCE + ADULT_MODEL_DIR + f, f)), 'auto');
    const rows = await service.openDataset([read(REFERENCE + ADULT_CSV)]);
    const tabular = { modelSha256: adult.sha256, datasetSha256: rows.manifest.sha256, binding: bindingById('adult-income-mlp-tfjs')!.binding, limit: null };
    list.push(
      { name: 'fairness bootstrap (Adult, 32,561 rows)', ...tabular, suite: pick(fairnessSuite(), 'fairness/group-metrics') },
      { name: 'KernelSHAP (Adult MLP)', ...tabular, suite: kernelShapSuite() },
    );
  } else {
    const wages = await service.openModel(['model.json', 'weights.bin'].map((f) => read(`${DEMO}models/wages-v2/${f}`)), 'auto');
    const rows = await service.openDataset([read(`${DEMO}cps-wages-1985.csv`)]);
    const tabularSuite = findSuite('standard', 'tabular', 'binary-classification');
    const tabular = { modelSha256: wages.sha256, datasetSha256: rows.manifest.sha256, binding: findBinding(wages.sha256)!.binding, limit: null };
    list.push(
      { name: 'fairness bootstrap (demo wages)', ...tabular, suite: pick(tabularSuite, 'fairness/group-metrics') },
      { name: 'KernelSHAP (demo wages)', ...tabular, suite: pick(tabularSuite, 'explainability/attributions') },
    );
  }
  return list;
}

let runs = 0;

/**
 * A thread that raises `flag[0]` `at` ms after `flag[1]` is set (and notified): the page's
 * Cancel, on a thread the engine's busy loops cannot hold up.
 */
function flagRaiser(flag: Int32Array, at: number): Worker {
  return new Worker(`
    const { workerData: { flag, at } } = require('node:worker_threads');
    Atomics.wait(flag, 1, 0);
    Atomics.wait(flag, 2, 0, at);
    Atomics.store(flag, 0, 1);
  `, { eval: true, workerData: { flag, at } });
}

/** Runs the scenario; with `at`, cancels `at` ms after its (first) probe starts. */
async function once(s: Scenario, at: number | null, useFlag = true) {
  const runId = `bench-cancel-${++runs}`;
  // [0] cancel flag (the run's), [1] the probe started, [2] never set (a sleep).
  const shared = new Int32Array(new SharedArrayBuffer(12));
  const raiser = at === null || !useFlag ? null : flagRaiser(shared, at);
  await new Promise((resolve) => raiser ? raiser.once('online', resolve) : resolve(null));
  let probeStart: number | null = null;
  let asked = 0;
  let fired = 0;
  const onProgress = (p: Progress) => {
    if (probeStart !== null || p.probeId !== s.suite.probes[0].id) return;
    probeStart = performance.now();
    if (at === null) return;
    asked = probeStart + at;
    Atomics.store(shared, 1, 1);
    Atomics.notify(shared, 1);
    setTimeout(() => { fired = performance.now(); service.cancel(runId); }, at);
  };
  const run = await service.run({
    runId, modelSha256: s.modelSha256, datasetSha256: s.datasetSha256, binding: s.binding, suite: s.suite, seed: 1, limit: s.limit,
    ...(at === null || !useFlag ? {} : { cancelFlag: shared.subarray(0, 1) }),
  }, onProgress);
  const settled = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 0)); // an overdue cancel timer runs now
  await raiser?.terminate();
  return { run, duration: settled - (probeStart ?? settled), asked, fired, settled, cancelled: run.status === 'cancelled' };
}

async function main(): Promise<void> {
  const list = await scenarios();
  console.log(`Node ${process.version}; cancel latency from the moment asked for to the run settling (target ≤ ${TARGET_MS} ms)`);
  console.log(`  ${'probe'.padEnd(40)} ${'D'.padStart(8)} ${'cancel at'.padStart(10)} ${'settled'.padStart(16)} ${'message only'.padStart(16)}`);
  let worst = 0;
  let worstMessage = 0;
  // A run that was not cancelled: its probe ended before the cancel could land; how late the
  // cancel timer ran (the message's lag) says whether the cancel came too late or the probe was early.
  const cell = (r: Awaited<ReturnType<typeof once>>, width: number) => {
    if (r.cancelled) return ms(r.settled - r.asked).padStart(width);
    return (r.fired && r.fired > r.settled ? `ended (+${Math.round(r.fired - r.asked)})` : 'ended first').padStart(width);
  };
  for (const s of list) {
    const d = (await once(s, null)).duration;
    for (const point of POINTS) {
      const flag = await once(s, d * point);
      const message = await once(s, d * point, false);
      if (flag.cancelled) worst = Math.max(worst, flag.settled - flag.asked);
      if (message.cancelled) worstMessage = Math.max(worstMessage, message.settled - message.asked);
      else if (message.fired > message.settled) worstMessage = Math.max(worstMessage, message.fired - message.asked);
      const over = flag.cancelled && flag.settled - flag.asked > TARGET_MS ? '  OVER TARGET' : '';
      console.log(`  ${s.name.padEnd(40)} ${ms(d)} ${`${point * 100} %`.padStart(10)} ${cell(flag, 16)} ${cell(message, 16)}${over}`);
    }
  }
  console.log(`  worst: ${Math.round(worst)} ms; message only: ${Math.round(worstMessage)} ms, counting a cancel that got through only after its probe ended (target ${TARGET_MS} ms).`);
  console.log('  "ended (+n)": the probe ran to its end although the cancel was asked for n ms before it got through; "ended first": it ended before the moment asked for (D varies with the load).');
}

function ms(v: number): string {
  return `${Math.round(v)} ms`.padStart(8);
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
