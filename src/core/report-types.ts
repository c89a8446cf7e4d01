/**
 * The vocabulary of grading: policies (thresholds as data), the grades they give, and the Report
 * that `grade(run, policy)` returns. Plain data like types.ts: it is written to JSON as it is,
 * validated on import by src/report/report-schema.ts, and published as a JSON Schema.
 */
import type { Interval, Pillar, ProbeStatus, Run } from './types';

/** Grades from best to worst. */
export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';
export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D', 'E'];

/**
 * What grading one metric, probe, pillar or the whole run gave:
 * - a grade;
 * - `insufficient-data`: measured, but on too few samples (or only on groups too small) to grade;
 * - `not-assessed`: nothing usable was measured (the probe was skipped, failed or was cancelled,
 *   the value is undefined, or the suite has no probe of the pillar) — never read as passed;
 * - `not-graded`: measured, but the policy has no threshold for it (shown, not graded).
 */
export type Outcome = Grade | 'insufficient-data' | 'not-assessed' | 'not-graded';
/** Pillars and the overall result are graded or not; `not-graded` does not apply to them. */
export type PillarOutcome = Exclude<Outcome, 'not-graded'>;

/** The application's risk class, which decides the grade each pillar must reach. */
export type RiskClass = 'minimal' | 'limited' | 'high';
export const RISK_CLASSES: readonly RiskClass[] = ['minimal', 'limited', 'high'];

// ───────────────────────────── Policy ─────────────────────────────

/**
 * The limit a metric must reach for each grade, read through the rule's direction: for `higher`
 * the graded number must be ≥ the limit, for `lower` ≤ it. A number that reaches no limit is E.
 */
export interface GradeBands {
  A: number;
  B: number;
  C: number;
  D: number;
}

/** How one metric of one probe is graded. */
export interface MetricRule {
  /** Probe id, e.g. 'fairness/group-metrics'. */
  probe: string;
  /** Metric name: the probe's headline metric or one of its secondary metrics. */
  metric: string;
  /** True when `metric` is the probe's headline (the measurement's own value), false for a secondary metric. */
  headline: boolean;
  /** How the metric is named in sentences, e.g. 'selection-rate ratio'. */
  title: string;
  direction: 'higher' | 'lower';
  /** Grade |x| (the interval end furthest from 0) instead of x: for signed gaps where either sign is bad. */
  magnitude?: boolean;
  /** Grade the worst group whose status is ok instead of the overall value; insufficient-data groups are not graded. */
  eachGroup?: boolean;
  /** Fewest samples an estimate needs to be graded; default the policy's `minSampleSize`. 0 for checks that are not estimates (a file audit). */
  minSampleSize?: number;
  bands: GradeBands;
  /** `public-practice`: the limits come from a published rule or common practice; `policy-reasoning`: none exists and the policy reasons its own. */
  basis: 'public-practice' | 'policy-reasoning';
  /** Why these limits, in one or two sentences a reader can check. */
  rationale: string;
  /** Where the limits come from (a regulation, paper or documentation), or the policy itself. */
  source: string;
}

/** What a risk class requires: the minimum grade of each pillar it names. */
export interface RiskClassRule {
  id: RiskClass;
  title: string;
  description: string;
  minimum: Partial<Record<Pillar, Grade>>;
  /** Probes that must have been graded for the class to be met, beyond the pillar minimums. */
  requiredProbes?: string[];
  rationale: string;
}

/** A probe (or one of its metrics) the policy deliberately does not grade, and why. */
export interface UngradedEntry {
  probe: string;
  /** The metric; absent for the whole probe. */
  metric?: string;
  reason: string;
}

/** One clause of a standard or regulation a probe can give evidence for. */
export interface Clause {
  /** Short stable id, e.g. 'nist-measure-2.11'. */
  id: string;
  /** e.g. 'NIST AI RMF 1.0'. */
  framework: string;
  /** e.g. 'MEASURE 2.11'. */
  reference: string;
  /** What the clause asks for, paraphrased. */
  title: string;
}

/** The clauses a probe (or, with `pillar/*`, every probe of a pillar) gives evidence for. */
export interface CrosswalkEntry {
  /** A probe id, or `<pillar>/*` for every probe of the pillar that has no entry of its own. */
  probe: string;
  clauses: string[];
  /** Why the probe is evidence for these clauses. */
  why: string;
}

export interface Policy {
  schema: 'trustgrade.policy/1';
  id: string;
  /** Bump whenever a grade it gives could change. */
  version: number;
  title: string;
  /** ISO date (YYYY-MM-DD) the version was published. */
  published: string;
  description: string;
  /** Estimates on fewer samples than this are insufficient data. */
  minSampleSize: number;
  /** How a pillar's grade follows from its probes: the weakest graded probe. */
  pillarRule: 'weakest-probe';
  /** How the overall grade follows from the pillars: the weakest pillar. */
  overallRule: 'weakest-pillar';
  /** The best overall grade while any pillar is not assessed. */
  notAssessedCap: Grade;
  rules: MetricRule[];
  /** Measurements shown but deliberately not graded, with the reason the report gives. */
  ungraded?: UngradedEntry[];
  riskClasses: RiskClassRule[];
  clauses: Clause[];
  crosswalk: CrosswalkEntry[];
}

// ───────────────────────────── Grading ─────────────────────────────

/** The limit that decided a grade: the one the graded number met, or for E the D limit it missed. */
export interface DecidingThreshold {
  grade: Grade;
  comparison: '>=' | '<=';
  limit: number;
  met: boolean;
}

/** One graded metric. */
export interface MetricGrade {
  probeId: string;
  metric: string;
  title: string;
  direction: 'higher' | 'lower';
  outcome: Outcome;
  /** The group(s) the graded number is about: the worst group, or the pair a disparity compares ("Female vs Male"). */
  group?: string;
  value: number | null;
  interval: Interval | null;
  n: number;
  /** The number compared with the limits: the unfavourable end of the interval, or the value when there is none. */
  graded: number | null;
  basis: 'interval-low' | 'interval-high' | 'interval-magnitude' | 'value';
  threshold: DecidingThreshold | null;
  /** One sentence: what was measured and why it got this outcome. */
  reason: string;
  basisOfLimits: MetricRule['basis'];
  rationale: string;
  source: string;
}

export interface ProbeGrade {
  probeId: string;
  probeVersion: number;
  pillar: Pillar;
  status: ProbeStatus;
  /** The weakest metric grade, or why there is none. */
  outcome: Outcome;
  /** The metric that decided the outcome. */
  decidedBy: string | null;
  metrics: MetricGrade[];
  reason: string;
  /** Ids of the clauses (policy.clauses) this probe gives evidence for. */
  clauses: string[];
}

export interface PillarGrade {
  pillar: Pillar;
  outcome: PillarOutcome;
  /** The probe and metric that decided the grade (the weakest). */
  decidedBy: { probeId: string; metric: string } | null;
  reason: string;
  /** Probes of this pillar that the policy grades but that gave no grade, with why. */
  notAssessed: { probeId: string; outcome: Outcome; reason: string }[];
}

export interface Shortfall {
  pillar: Pillar;
  /** The required probe that was not graded, when the shortfall is about one probe rather than the pillar's grade. */
  probeId?: string;
  outcome: PillarOutcome;
  needs: Grade;
  /** "fairness E (needs B) because …". */
  reason: string;
}

export interface Verdict {
  riskClass: RiskClass;
  title: string;
  meets: boolean;
  shortfalls: Shortfall[];
  sentence: string;
}

export type FindingSeverity = 'fail' | 'concern' | 'unknown' | 'pass' | 'info';

export interface Finding {
  severity: FindingSeverity;
  outcome: Outcome;
  pillar: Pillar;
  probeId: string | null;
  metric: string | null;
  text: string;
}

export interface Grading {
  policy: { id: string; version: number; title: string };
  /** The risk class declared for the run, when one was. */
  riskClass: RiskClass | null;
  overall: {
    outcome: PillarOutcome;
    /** The weakest assessed pillar. */
    decidedBy: Pillar | null;
    /** Pillars not assessed (or with insufficient data) that cap the grade. */
    cappedBy: Pillar[];
    reason: string;
  };
  /** One per pillar, in report order. */
  pillars: PillarGrade[];
  /** One per probe result, in run order. */
  probes: ProbeGrade[];
  /** One per risk class of the policy. */
  verdicts: Verdict[];
  /** The verdicts in one sentence: "meets limited-risk requirements; does not meet high-risk: …". */
  summary: string;
  /** Worst first; passed checks too. */
  findings: Finding[];
  /** How grades are decided, in words (the conservative reading of intervals). */
  method: string;
}

/** A signature over the SHA-256 of the report's canonical JSON (without this field). */
export interface ReportSignature {
  algorithm: 'ECDSA-P256-SHA256';
  /** SHA-256 (hex) of the canonical JSON that was signed. */
  digest: string;
  /** The signer's public key. */
  publicKey: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  /** SHA-256 (hex) of the uncompressed public key point: the key's fingerprint. */
  keyId: string;
  /** The IEEE P1363 signature (r ‖ s) WebCrypto produces, base64url. */
  value: string;
}

export interface Report {
  schema: 'trustgrade.report/1';
  /** The run graded, as it was stored: everything needed to run it again. */
  run: Run;
  /** The policy it was graded under, whole, so anyone can re-grade it. */
  policy: Policy;
  grading: Grading;
  /** The version of TrustGrade that graded it. */
  gradedBy: string;
  signature?: ReportSignature;
}
