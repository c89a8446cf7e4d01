/**
 * Writes the published JSON Schema of the report, public/schema/trustgrade-report-1.json, from the
 * zod schema the app validates imports with. Run after changing src/report/report-schema.ts:
 *   npx tsx scripts/make-report-schema.ts
 * tests/unit/report-schema.test.ts fails when the file and the zod schema disagree.
 */
import { writeFileSync } from 'node:fs';
import { reportJsonSchema } from '../src/report/json-schema';

const target = new URL('../public/schema/trustgrade-report-1.json', import.meta.url);
writeFileSync(target, reportJsonSchema());
console.log(`wrote ${target.pathname}`);
