/**
 * The domain vocabulary of TrustGrade (see docs/vocabulary.md). Everything here is plain data:
 * it crosses the worker boundary, is stored in IndexedDB and is written to JSON as it is.
 * Nothing in core/ imports a DOM, IndexedDB, onnxruntime or TF.js.
 */

/** The five pillars a trust grade is given for. */
export type Pillar = 'validity' | 'robustness' | 'fairness' | 'explainability' | 'privacy';

/** What kind of prediction a model makes, decided by its binding's output labels. */
export type TaskKind = 'binary-classification' | 'multiclass-classification';

/** What the model's input is made from. */
export type Modality = 'tabular' | 'image';

export type ModelFormat = 'onnx' | 'tfjs';

/** An execution backend. `node` is onnxruntime-node's native CPU provider. */
export type Backend = 'wasm' | 'webgpu' | 'webgl' | 'cpu' | 'node';

/** What the user asks for: a backend, or `auto` to walk the preference table (runtime/backends.ts). */
export type BackendChoice = Backend | 'auto';

/** JSON-compatible value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ───────────────────────────── Model ─────────────────────────────

/** One input or output tensor of a model as the file declares it. Symbolic dims are strings, unknown dims null. */
export interface TensorInfo {
  name: string;
  /** e.g. [null, 104] or ['N', 1, 28, 28]; an ONNX non-tensor output (ZipMap) has shape []. */
  shape: (number | string | null)[];
  /** e.g. 'float32', 'float16', 'int64', or 'map(int64,float32)' / 'sequence(...)' for non-tensors. */
  dtype: string;
}

/** Facts read from an ONNX file without running it. */
export interface OnnxFacts {
  irVersion: number;
  producer: string;
  opsets: { domain: string; version: number }[];
  /** Every operator used, with its domain ('' = ai.onnx) and how often it appears. */
  operators: { domain: string; opType: string; count: number }[];
  metadata: Record<string, string>;
  /** Initializers stored outside the file (external data); the app never follows them. */
  externalData: string[];
}

/** Facts read from a TF.js model.json and its weight manifest. */
export interface TfjsFacts {
  /** 'layers-model' or 'graph-model'. */
  modelType: string;
  generatedBy: string | null;
  convertedBy: string | null;
  /** Layer class names (layers models) or op names (graph models). */
  layers: string[];
  /** Weight shard paths as the manifest names them, with the byte length each must have. */
  shards: { path: string; bytes: number }[];
  weightCount: number;
}

/** How much a hygiene finding matters: `high` the file tries to reach outside itself or run code. */
export type HygieneSeverity = 'info' | 'low' | 'medium' | 'high';

/** Something noticed about a model's files alone, without running them (runtime/hygiene.ts). */
export interface HygieneFinding {
  /** Stable identifier of the kind of finding, e.g. 'tfjs-path-outside-folder'. */
  code: string;
  severity: HygieneSeverity;
  /** The file it is about, as dropped. */
  file: string;
  /** What was found, why it matters and what to do, in plain words. */
  message: string;
}

/** A loaded model plus what we know about it. */
export interface ModelInfo {
  /** File name as dropped (model.json for TF.js). */
  name: string;
  format: ModelFormat;
  /** SHA-256 of the model file (ONNX) or of model.json followed by its shards in manifest order (TF.js). */
  sha256: string;
  sizeBytes: number;
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  onnx?: OnnxFacts;
  tfjs?: TfjsFacts;
  /** The backend actually in use, which may differ from what was asked for. */
  backend: Backend;
  /** Why the backend differs from the request, when it does. */
  backendNote?: string;
  /** Whether gradients of the output with respect to the input can be taken. */
  differentiable: boolean;
  /**
   * How input gradients are taken: the TF.js model itself, a TF.js translation of the ONNX graph
   * (checked against onnxruntime when the model is opened), or none, with the reason.
   */
  gradientPath?: GradientPath;
  /** What auditing the files found when the model was opened (absent in runs of older versions). */
  hygiene?: HygieneFinding[];
}

/** Where a model's input gradients come from (runtime/onnx-to-tfjs-check.ts). */
export interface GradientPath {
  kind: 'tfjs' | 'onnx-translated' | 'none';
  /**
   * The TF.js backend that computes the gradients (absent when there are none, and in runs of older
   * versions). It differs from `ModelInfo.backend` when that backend lacks a backward kernel the
   * model needs (TF.js wasm has no Conv2DBackpropFilter): then `cpu`, and `reason` says which kernel.
   */
  backend?: Backend;
  /** Largest |translation − onnxruntime| over the check inputs (onnx-translated, or refused for it). */
  maxAbsDiff?: number;
  /** The largest difference the check allowed at the scale of the outputs it compared. */
  tolerance?: number;
  /** Why there is no gradient path, what the check compared, or why gradients run on another backend. */
  reason?: string;
}

/** The files a model arrives as; TF.js models come as model.json plus shards (zips are unpacked first). */
export interface ModelFile {
  /** Path relative to the model's folder, e.g. 'model.json' or 'group1-shard1of1.bin'. */
  path: string;
  bytes: Uint8Array;
}

// ───────────────────────────── Binding ─────────────────────────────

/** How model output becomes class probabilities. */
export interface OutputBinding {
  /** Model output tensor to read; default the first output whose dtype is float32/float16. */
  tensor?: string;
  /**
   * - `logits`: softmax is applied;
   * - `probabilities`: used as they are (renormalised if they do not sum to 1);
   * - `sigmoid`: independent sigmoid scores: one unit → [1 − s, s]; several units → s / Σs.
   */
  kind: 'logits' | 'probabilities' | 'sigmoid';
  /**
   * Class label of each probability index, in the order probabilities are reported.
   * For one sigmoid unit: [label when the score is low, label when it is high].
   * Target values in the dataset are matched against these strings.
   */
  labels: string[];
  /** For binary tasks: the favourable / positive label (one of `labels`). */
  positive?: string;
}

/** A numeric column: value = (raw − offset) / divisor; missing values take `impute`. */
export interface NumericFeature {
  column: string;
  kind: 'numeric';
  offset?: number;
  divisor?: number;
  /** Raw value used when the cell is empty, '?' or not a number; default 0 before scaling. */
  impute?: number;
}

/** A categorical column one-hot encoded in vocabulary order; unknown values encode as all zeros. */
export interface OneHotFeature {
  column: string;
  kind: 'one-hot';
  vocabulary: string[];
}

export type FeatureSpec = NumericFeature | OneHotFeature;

/**
 * A column computed from another before encoding, so sensitive attributes that a dataset stores
 * inside a code (German credit's personal_status → sex) or as a number (age → age group) can be used.
 */
export type DerivedColumn =
  | { name: string; from: string; kind: 'map'; map: Record<string, string>; otherwise?: string }
  | { name: string; from: string; kind: 'bins'; /** ascending upper bounds (exclusive) */ edges: number[]; labels: string[] };

export interface TabularBinding {
  kind: 'tabular';
  /** Model input tensor to feed; default the first input. */
  input?: string;
  derive?: DerivedColumn[];
  /** Features in model input order; the encoded width is the sum of their widths. */
  features: FeatureSpec[];
  /** Dataset column holding the label; its values are matched against `output.labels`. */
  target: string;
  /** Raw columns used for grouping (kept raw even when also encoded as features). */
  sensitive: string[];
  /** Optional member/non-member split: rows whose `column` equals `member` were training data. */
  split?: { column: string; member: string };
  output: OutputBinding;
}

export interface ImageBinding {
  kind: 'image';
  input?: string;
  layout: 'NCHW' | 'NHWC';
  channels: 1 | 3;
  /** Model input size; images of another size are resized (bilinear). */
  width: number;
  height: number;
  /** Range pixel values are scaled to before mean/std: [0, 1] or [0, 255]. */
  range: [number, number];
  /** Per-channel mean and std applied after range scaling: (v − mean) / std. */
  mean?: number[];
  std?: number[];
  channelOrder: 'RGB' | 'BGR';
  output: OutputBinding;
}

export type Binding = TabularBinding | ImageBinding;

/** A binding the project ships for a known model, matched by the model's SHA-256. */
export interface KnownBinding {
  id: string;
  title: string;
  /** SHA-256 values of the model files this binding is for. */
  modelSha256: string[];
  /** The dataset it is meant for (a bundled dataset id or a reference path). */
  dataset: string;
  binding: Binding;
  source: string;
}

// ───────────────────────────── Dataset ─────────────────────────────

export type Cell = string | number | null;

/** Rows of raw values, as read from CSV or JSON. */
export interface TabularData {
  kind: 'tabular';
  columns: string[];
  rows: Cell[][];
}

/** Images as 8-bit pixels, all the same size, interleaved HWC. */
export interface ImageData8 {
  kind: 'image';
  width: number;
  height: number;
  channels: 1 | 3;
  /** n × height × width × channels bytes. */
  pixels: Uint8Array;
  /** Label per image (null when unlabelled). */
  labels: (string | null)[];
  /** File name or index per image, for display. */
  names: string[];
}

/**
 * What a second dataset is for: `ood` a set from another distribution (out-of-distribution
 * detection), `non-members` rows known not to be training data (membership inference).
 */
export type AuxiliaryRole = 'ood' | 'non-members';

export interface DatasetManifest {
  id: string;
  name: string;
  format: 'csv' | 'json' | 'idx' | 'images';
  /** SHA-256 of the bytes the dataset was read from (all files, in name order). */
  sha256: string;
  rows: number;
  source?: string;
  license?: string;
}

export interface Dataset {
  manifest: DatasetManifest;
  data: TabularData | ImageData8;
}

// ───────────────────────────── Measurement ─────────────────────────────

/** A confidence interval. */
export interface Interval {
  low: number;
  high: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
  method: 'bootstrap-percentile' | 'wilson' | 'exact';
  /** Bootstrap resamples, when bootstrapped. */
  resamples?: number;
  /** Bootstrap resamples left out because the statistic was undefined on them (e.g. a class never drawn). */
  skipped?: number;
}

/** One estimated number. `value` is null when undefined, and `undefinedReason` says why. */
export interface Estimate {
  value: number | null;
  interval: Interval | null;
  n: number;
  undefinedReason?: string;
}

/** A value for one group or slice. Groups below the minimum size are `insufficient-data`, not estimated. */
export interface GroupEstimate extends Estimate {
  group: string;
  status: 'ok' | 'insufficient-data';
}

/** What a probe returns: always this shape. The headline estimate is the probe's declared metric. */
export interface Measurement extends Estimate {
  /** Per-group or per-class values of the headline metric (may be empty). */
  groups: GroupEstimate[];
  /** Further named metrics; each is declared in the probe's `secondary` list. */
  secondary: Record<string, Estimate>;
  notes: string[];
  /** Chart and table data (confusion matrix, reliability diagram…). */
  details?: { [key: string]: Json };
}

/** How a metric is read. */
export interface MetricSpec {
  name: string;
  title: string;
  direction: 'higher' | 'lower';
  range: [number, number];
  /** Where its definition comes from. */
  definition: string;
}

// ───────────────────────────── Suite ─────────────────────────────

export interface ProbeConfig {
  id: string;
  params?: Record<string, Json>;
}

export interface Suite {
  /** e.g. 'standard' or 'quick'; unique together with modality and task. */
  id: string;
  version: number;
  title: string;
  description: string;
  modality: Modality;
  task: TaskKind;
  probes: ProbeConfig[];
}

// ───────────────────────────── Run ─────────────────────────────

export type ProbeStatus = 'ok' | 'skipped' | 'failed' | 'cancelled';

export interface ProbeResult {
  probeId: string;
  probeVersion: number;
  pillar: Pillar;
  /** Defaults merged with the suite's parameters: exactly what ran. */
  params: Record<string, Json>;
  status: ProbeStatus;
  /** Why it was skipped or failed. */
  reason?: string;
  measurement?: Measurement;
  durationMs: number;
}

export type RunStatus = 'running' | 'complete' | 'failed' | 'cancelled' | 'interrupted';

export interface RunEnvironment {
  app: string;
  /** 'browser' or 'node'. */
  host: 'browser' | 'node';
  /** navigator.userAgent or `node vX`. */
  agent: string;
  /** Inference engine and version, e.g. 'onnxruntime-web 1.30.0'. */
  engine: string;
  backend: Backend;
  threads: number;
}

export interface Run {
  schema: 'trustgrade.run/1';
  id: string;
  status: RunStatus;
  createdAt: string;
  finishedAt: string | null;
  model: ModelInfo;
  /** Model family and version for comparisons across versions. */
  label?: { family: string; version: string };
  dataset: DatasetManifest;
  binding: Binding;
  suite: { id: string; version: number; modality: Modality; task: TaskKind };
  seed: number;
  /** Rows or images evaluated (after --limit). */
  samples: number;
  limit: number | null;
  results: ProbeResult[];
  environment: RunEnvironment;
  /** Second datasets the run used, by role. */
  auxiliary?: { role: AuxiliaryRole; dataset: DatasetManifest }[];
  /** What encoding the dataset through the binding noticed (imputed cells, unknown categories, resizing). */
  dataNotes?: string[];
  error?: string;
  /** The risk class the user declared for the application; the report judges against it (core/report-types.ts). */
  riskClass?: 'minimal' | 'limited' | 'high';
}

/** A list entry for a stored run: small, so the history loads fast. */
export interface RunSummary {
  id: string;
  status: RunStatus;
  createdAt: string;
  modelName: string;
  modelSha256: string;
  datasetName: string;
  suiteId: string;
  samples: number;
  /** Headline values by probe id, for the list view. */
  headline: Record<string, number | null>;
  label?: { family: string; version: string };
}

// ───────────────────────────── Progress ─────────────────────────────

export interface Progress {
  runId: string;
  probeId: string;
  /** 0-based index of the probe running, and how many there are. */
  probeIndex: number;
  probeCount: number;
  /** Overall fraction done, 0–1. */
  fraction: number;
  /** Estimated milliseconds left, null until it can be estimated. */
  etaMs: number | null;
  message: string;
}
