/**
 * Mounts every presentational element with sample data, for a visual check in a browser:
 * `npx vite --port 5199 --strictPort`, then open /src/ui/dev/elements-gallery.html.
 */
import type { Estimate, MetricSpec } from '../../core/types';
import '../elements/model-card';
import '../elements/progress-bar';
import '../elements/error-banner';
import '../elements/estimate-view';
import '../elements/confusion-matrix';
import '../elements/reliability-diagram';
import '../elements/probe-card';
import '../elements/hash-value';
import '../views/run-view';
import '../views/suites-view';
import { readConfusion, readReliabilityBins } from '../elements/details-shapes';
import {
  cancelledProbe, failedProbe, mnistRun, onnxModel, progressMidRun, skippedProbe, tfjsModel, wagesRun,
} from './sample-runs';

const main = document.getElementById('gallery')!;

/** Adds a titled specimen box and returns it. Only element properties are set; no HTML strings. */
function specimen(title: string, ...children: HTMLElement[]): HTMLElement {
  const section = document.createElement('section');
  section.className = 'specimen';
  const h2 = document.createElement('h2');
  h2.textContent = title;
  const row = document.createElement('div');
  row.className = 'stack';
  row.append(...children);
  section.append(h2, row);
  main.append(section);
  return section;
}

function make<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]>): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

const events = document.createElement('div');
events.id = 'events';
events.textContent = 'Events: none yet';
for (const name of ['tg-cancel', 'tg-dismiss', 'tg-export-json', 'tg-delete'] as const) {
  document.addEventListener(name, () => { events.textContent = `Events: last was ${name}`; });
}

const accuracySpec: MetricSpec = { name: 'accuracy', title: 'Accuracy', direction: 'higher', range: [0, 1], definition: '' };
const eceSpec: MetricSpec = { name: 'ece', title: 'Expected calibration error', direction: 'lower', range: [0, 1], definition: '' };
const undefinedEstimate: Estimate = { value: null, interval: null, n: 11, undefinedReason: 'the group has no positive samples, so its true positive rate is undefined' };

specimen('tg-progress: running, starting, not cancellable',
  make('tg-progress', { progress: progressMidRun, cancellable: true }),
  make('tg-progress', { progress: null, cancellable: true }),
  make('tg-progress', { progress: { ...progressMidRun, fraction: 1, probeIndex: 1, etaMs: 300, message: 'Done' }, cancellable: false }),
  events);

specimen('tg-error-banner',
  make('tg-error-banner', {
    message: 'The CSV has 15 columns in its header but row 18 has 14.',
    hint: 'Check for an unquoted comma in that row, then drop the file again.',
  }),
  make('tg-error-banner', { heading: 'The model could not be opened', message: `model.json names the shard "../../etc/passwd" <b>outside</b> its folder.` }));

const estimates = document.createElement('div');
estimates.className = 'row';
estimates.append(
  make('tg-estimate', { estimate: mnistRun.results[0].measurement!, metric: accuracySpec }),
  make('tg-estimate', { estimate: mnistRun.results[1].measurement!, metric: eceSpec }),
  make('tg-estimate', { estimate: undefinedEstimate, metric: { title: 'Equal opportunity difference', direction: 'lower', range: [0, 1] } }),
  make('tg-estimate', { estimate: { value: -0.031, interval: { low: -0.052, high: -0.009, level: 0.9, method: 'bootstrap-percentile', resamples: 500 }, n: 1234 }, metric: { title: 'Accuracy change', direction: 'higher', range: [-1, 1] } }),
  make('tg-estimate', { estimate: { value: 3.2, interval: { low: 2.9, high: 3.6, level: 0.95, method: 'exact' }, n: 400 }, metric: { title: 'Median queries (open range)', direction: 'lower', range: [0, Number.POSITIVE_INFINITY] } }),
);
const compact = make('tg-estimate', { estimate: mnistRun.results[0].measurement!, metric: accuracySpec, compact: true });
specimen('tg-estimate: defined, lower-is-better, undefined, negative with 90 % CI, open range, compact', estimates, compact);

const mnistConfusion = readConfusion(mnistRun.results[0].measurement!.details)!;
const wagesConfusion = readConfusion(wagesRun.results[0].measurement!.details)!;
specimen('tg-confusion-matrix: 10 classes and 2 classes (hostile label)',
  make('tg-confusion-matrix', { labels: mnistConfusion.labels, matrix: mnistConfusion.matrix }),
  make('tg-confusion-matrix', { labels: wagesConfusion.labels, matrix: wagesConfusion.matrix }));

const diagrams = document.createElement('div');
diagrams.className = 'row';
diagrams.append(
  make('tg-reliability-diagram', { bins: readReliabilityBins(mnistRun.results[1].measurement!.details)!, ece: mnistRun.results[1].measurement!.value }),
  make('tg-reliability-diagram', { bins: readReliabilityBins(wagesRun.results[1].measurement!.details)!, ece: null }),
);
specimen('tg-reliability-diagram: MNIST-like and binary tabular', diagrams);

specimen('tg-model-card: ONNX and TF.js', make('tg-model-card', { info: onnxModel }), make('tg-model-card', { info: tfjsModel }));

specimen('tg-probe-card: failed, skipped, cancelled',
  make('tg-probe-card', { result: failedProbe }),
  make('tg-probe-card', { result: skippedProbe }),
  make('tg-probe-card', { result: cancelledProbe }));

specimen('tg-probe-card: fairness probe with facts given (insufficient-data group, hostile group name)',
  make('tg-probe-card', {
    result: wagesRun.results[2],
    probe: {
      title: 'Demographic parity',
      description: 'Largest gap in positive-prediction rate between groups of each sensitive attribute; 0 means equal rates (Fairlearn demographic_parity_difference).',
      metric: { name: 'dp_difference', title: 'Demographic parity difference', direction: 'lower', range: [0, 1], definition: 'max_g P(ŷ=1 | g) − min_g P(ŷ=1 | g); Fairlearn.' },
      secondary: [{ name: 'dp_ratio', title: 'Demographic parity ratio', direction: 'higher', range: [0, 1], definition: 'min_g / max_g selection rate; the four-fifths rule reads it against 0.8.' }],
    },
  }));

specimen('tg-hash', make('tg-hash', { value: onnxModel.sha256 }), make('tg-hash', { value: onnxModel.sha256, full: true }), make('tg-hash', { value: '' }));

specimen('tg-run-view: MNIST-like, complete', make('tg-run-view', { run: mnistRun }));
specimen('tg-run-view: binary tabular, interrupted', make('tg-run-view', { run: wagesRun }));
specimen('tg-suites-view', make('tg-suites-view', {}));
