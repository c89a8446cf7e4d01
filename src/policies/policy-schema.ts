/**
 * A zod schema of the Policy record (core/report-types.ts): shipped policies are checked against it
 * in tests, policy files given to the CLI are validated with it, and it is part of the report schema.
 */
import { z } from 'zod';
import type { Clause, CrosswalkEntry, GradeBands, MetricRule, Policy, RiskClassRule } from '../core/report-types';
import { describeIssue } from '../core/run-schema';

export const gradeSchema = z.enum(['A', 'B', 'C', 'D', 'E']);
export const pillarSchema = z.enum(['validity', 'robustness', 'fairness', 'explainability', 'privacy']);
export const riskClassSchema = z.enum(['minimal', 'limited', 'high']);

const bands = z.strictObject({ A: z.number(), B: z.number(), C: z.number(), D: z.number() }) satisfies z.ZodType<GradeBands>;

const metricRule = z
  .strictObject({
    probe: z.string().min(1),
    metric: z.string().min(1),
    headline: z.boolean(),
    title: z.string().min(1),
    direction: z.enum(['higher', 'lower']),
    magnitude: z.boolean().optional(),
    eachGroup: z.boolean().optional(),
    minSampleSize: z.number().int().nonnegative().optional(),
    bands,
    basis: z.enum(['public-practice', 'policy-reasoning']),
    rationale: z.string().min(1),
    source: z.string().min(1),
  })
  .refine((r) => (r.direction === 'higher' ? r.bands.A >= r.bands.B && r.bands.B >= r.bands.C && r.bands.C >= r.bands.D : r.bands.A <= r.bands.B && r.bands.B <= r.bands.C && r.bands.C <= r.bands.D), {
    message: 'must be ordered from A to D in the rule’s direction (descending limits for higher, ascending for lower)',
    path: ['bands'],
  }) satisfies z.ZodType<MetricRule>;

const riskClassRule = z.strictObject({
  id: riskClassSchema,
  title: z.string().min(1),
  description: z.string(),
  minimum: z.partialRecord(pillarSchema, gradeSchema),
  requiredProbes: z.array(z.string().min(1)).optional(),
  rationale: z.string(),
}) satisfies z.ZodType<RiskClassRule>;

const clause = z.strictObject({ id: z.string().min(1), framework: z.string(), reference: z.string(), title: z.string() }) satisfies z.ZodType<Clause>;
const crosswalkEntry = z.strictObject({ probe: z.string().min(1), clauses: z.array(z.string()), why: z.string() }) satisfies z.ZodType<CrosswalkEntry>;

export const policySchema = z
  .strictObject({
    schema: z.literal('trustgrade.policy/1'),
    id: z.string().min(1),
    version: z.number().int().positive(),
    title: z.string().min(1),
    published: z.iso.date(),
    description: z.string(),
    minSampleSize: z.number().int().nonnegative(),
    pillarRule: z.literal('weakest-probe'),
    overallRule: z.literal('weakest-pillar'),
    notAssessedCap: gradeSchema,
    rules: z.array(metricRule),
    ungraded: z.array(z.strictObject({ probe: z.string().min(1), metric: z.string().min(1).optional(), reason: z.string().min(1) })).optional(),
    riskClasses: z.array(riskClassRule).min(1),
    clauses: z.array(clause),
    crosswalk: z.array(crosswalkEntry),
  })
  .superRefine((policy, ctx) => {
    const ids = new Set(policy.clauses.map((c) => c.id));
    policy.crosswalk.forEach((entry, i) => {
      entry.clauses.forEach((id, j) => {
        if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['crosswalk', i, 'clauses', j], message: `names clause "${id}", which the policy's clauses do not define` });
      });
    });
    const seen = new Set<string>();
    policy.rules.forEach((rule, i) => {
      const key = `${rule.probe} ${rule.metric}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['rules', i], message: `grades ${rule.probe} ${rule.metric} a second time; keep one rule per metric` });
      seen.add(key);
    });
  }) satisfies z.ZodType<Policy>;

/** A policy file that does not match the schema; the message names the first violation. */
export class PolicyValidationError extends Error {
  constructor(readonly violation: string) {
    super(`The policy is not valid: ${violation}. Fix the policy file, or start from a shipped policy (src/policies/).`);
    this.name = 'PolicyValidationError';
  }
}

/** Validates a parsed JSON value as a Policy; returns it unchanged or throws PolicyValidationError. */
export function parsePolicy(json: unknown): Policy {
  const result = policySchema.safeParse(json);
  if (!result.success) throw new PolicyValidationError(describeIssue(result.error.issues[0], json).replace(/^the run\b/, 'the policy'));
  return json as Policy;
}
