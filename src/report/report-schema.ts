/**
 * A zod schema of the Report (core/report-types.ts). Imports are validated with it and rejected with
 * the first violation named; public/schema/trustgrade-report-1.json is generated from it
 * (scripts/make-report-schema.ts) and a test keeps the two the same.
 */
import { z } from 'zod';
import type {
  DecidingThreshold, Finding, Grading, MetricGrade, PillarGrade, ProbeGrade, Report, ReportSignature, Shortfall, Verdict,
} from '../core/report-types';
import { runSchema } from '../core/run-schema';
import { gradeSchema, pillarSchema, policySchema, riskClassSchema } from '../policies/policy-schema';

const outcome = z.enum(['A', 'B', 'C', 'D', 'E', 'insufficient-data', 'not-assessed', 'not-graded']);
const pillarOutcome = z.enum(['A', 'B', 'C', 'D', 'E', 'insufficient-data', 'not-assessed']);
const count = z.number().int().nonnegative();

const interval = z.strictObject({
  low: z.number(),
  high: z.number(),
  level: z.number().gt(0).lt(1),
  method: z.enum(['bootstrap-percentile', 'wilson', 'exact']),
  resamples: z.number().int().positive().optional(),
  skipped: count.optional(),
});

const threshold = z.strictObject({
  grade: gradeSchema,
  comparison: z.enum(['>=', '<=']),
  limit: z.number(),
  met: z.boolean(),
}) satisfies z.ZodType<DecidingThreshold>;

const metricGrade = z.strictObject({
  probeId: z.string(),
  metric: z.string(),
  title: z.string(),
  direction: z.enum(['higher', 'lower']),
  outcome,
  group: z.string().optional(),
  value: z.number().nullable(),
  interval: interval.nullable(),
  n: count,
  graded: z.number().nullable(),
  basis: z.enum(['interval-low', 'interval-high', 'interval-magnitude', 'value']),
  threshold: threshold.nullable(),
  reason: z.string(),
  basisOfLimits: z.enum(['public-practice', 'policy-reasoning']),
  rationale: z.string(),
  source: z.string(),
}) satisfies z.ZodType<MetricGrade>;

const probeGrade = z.strictObject({
  probeId: z.string(),
  probeVersion: z.number().int(),
  pillar: pillarSchema,
  status: z.enum(['ok', 'skipped', 'failed', 'cancelled']),
  outcome,
  decidedBy: z.string().nullable(),
  metrics: z.array(metricGrade),
  reason: z.string(),
  clauses: z.array(z.string()),
}) satisfies z.ZodType<ProbeGrade>;

const pillarGrade = z.strictObject({
  pillar: pillarSchema,
  outcome: pillarOutcome,
  decidedBy: z.strictObject({ probeId: z.string(), metric: z.string() }).nullable(),
  reason: z.string(),
  notAssessed: z.array(z.strictObject({ probeId: z.string(), outcome, reason: z.string() })),
}) satisfies z.ZodType<PillarGrade>;

const shortfall = z.strictObject({ pillar: pillarSchema, probeId: z.string().optional(), outcome: pillarOutcome, needs: gradeSchema, reason: z.string() }) satisfies z.ZodType<Shortfall>;

const verdict = z.strictObject({
  riskClass: riskClassSchema,
  title: z.string(),
  meets: z.boolean(),
  shortfalls: z.array(shortfall),
  sentence: z.string(),
}) satisfies z.ZodType<Verdict>;

const finding = z.strictObject({
  severity: z.enum(['fail', 'concern', 'unknown', 'pass', 'info']),
  outcome,
  pillar: pillarSchema,
  probeId: z.string().nullable(),
  metric: z.string().nullable(),
  text: z.string(),
}) satisfies z.ZodType<Finding>;

const grading = z.strictObject({
  policy: z.strictObject({ id: z.string(), version: z.number().int(), title: z.string() }),
  riskClass: riskClassSchema.nullable(),
  overall: z.strictObject({
    outcome: pillarOutcome,
    decidedBy: pillarSchema.nullable(),
    cappedBy: z.array(pillarSchema),
    reason: z.string(),
  }),
  pillars: z.array(pillarGrade),
  probes: z.array(probeGrade),
  verdicts: z.array(verdict),
  summary: z.string(),
  findings: z.array(finding),
  method: z.string(),
}) satisfies z.ZodType<Grading>;

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url text');
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hexadecimal digits');

export const signatureSchema = z.strictObject({
  algorithm: z.literal('ECDSA-P256-SHA256'),
  digest: hex64,
  publicKey: z.strictObject({ kty: z.literal('EC'), crv: z.literal('P-256'), x: base64url, y: base64url }),
  keyId: hex64,
  value: base64url,
}) satisfies z.ZodType<ReportSignature>;

export const reportSchema = z.strictObject({
  schema: z.literal('trustgrade.report/1'),
  run: runSchema,
  policy: policySchema,
  grading,
  gradedBy: z.string(),
  signature: signatureSchema.optional(),
});

// Compile-time guard: the schema and report-types.ts must describe the same record.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesReportType: Equal<z.infer<typeof reportSchema>, Report> = true;
void schemaMatchesReportType;
