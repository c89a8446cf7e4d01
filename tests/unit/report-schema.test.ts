import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportJsonSchema } from '../../src/report/json-schema';

const published = new URL('../../public/schema/trustgrade-report-1.json', import.meta.url);

describe('the published JSON Schema of the report', () => {
  it('is the one generated from the zod schema imports are validated with (run scripts/make-report-schema.ts after a change)', () => {
    expect(readFileSync(published, 'utf8')).toBe(reportJsonSchema());
  });

  it('requires the report’s fields and forbids others', () => {
    const schema = JSON.parse(readFileSync(published, 'utf8'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['schema', 'run', 'policy', 'grading', 'gradedBy']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.schema.const).toBe('trustgrade.report/1');
    expect(schema.properties.signature.properties.algorithm.const).toBe('ECDSA-P256-SHA256');
  });
});
