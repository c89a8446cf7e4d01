import { z } from 'zod';
import { prettyCanonicalJson } from './canonical';
import { reportSchema } from './report-schema';

/** The public JSON Schema URL of report files (served from public/schema/). */
export const REPORT_SCHEMA_ID = 'urn:trustgrade:schema:report:1';

/**
 * The JSON Schema (draft 2020-12) of report files, generated from the zod schema the app validates
 * imports with. Rules zod checks in code (a binding's positive label among its labels, ordered
 * grade limits) are not expressible here; the app applies them on import.
 */
export function reportJsonSchema(): string {
  const schema = z.toJSONSchema(reportSchema, { unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return prettyCanonicalJson({
    ...schema,
    $id: REPORT_SCHEMA_ID,
    title: 'TrustGrade report',
    description: 'A trust report: a run of a TrustGrade suite, the policy it was graded under, the grades, and an optional ECDSA P-256 signature over the canonical JSON.',
  });
}
