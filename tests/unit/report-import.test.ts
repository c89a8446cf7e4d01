import { describe, expect, it } from 'vitest';
import { grade } from '../../src/core/grade';
import { latestPolicy } from '../../src/policies';
import { buildReport, reportJson } from '../../src/report/export';
import { importReport, ReportImportError } from '../../src/report/import';
import { generateSigningKeyPair, signerFromKeyPair } from '../../src/report/signing';
import { adultRunWithFairness } from './report-fixtures';
import fixture from '../fixtures/storage/run-v1.json';

const unsignedText = () => reportJson(grade(adultRunWithFairness(), latestPolicy(), { riskClass: 'high' }));

describe('importing a report', () => {
  it('accepts a signed report: signature valid, grades consistent with the run', async () => {
    const signer = await signerFromKeyPair(await generateSigningKeyPair());
    const text = reportJson(await buildReport(adultRunWithFairness(), latestPolicy(), { riskClass: 'high', signer }));
    const imported = await importReport(text);
    expect(imported.signature.status).toBe('valid');
    expect(imported.consistency.consistent).toBe(true);
    expect(imported.report.grading.overall.outcome).toBe('E');
    expect(imported.fromRun).toBe(false);
  });

  it('reports an unsigned report as unsigned', async () => {
    expect((await importReport(unsignedText())).signature.status).toBe('unsigned');
  });

  it('rejects text that is not JSON', async () => {
    await expect(importReport('{"schema": ')).rejects.toThrow(ReportImportError);
    await expect(importReport('{"schema": ')).rejects.toThrow(/^The file is not JSON \(/);
  });

  it('names the first violation of the schema', async () => {
    const bad = JSON.parse(unsignedText());
    bad.grading.overall.outcome = 'F';
    await expect(importReport(JSON.stringify(bad))).rejects.toThrow(
      'grading.overall.outcome must be one of A, B, C, D, E, insufficient-data, not-assessed, not "F". Choose a report exported by TrustGrade, or export it again.',
    );
    const extra = JSON.parse(unsignedText());
    extra.run.results[0].measurement.sneaky = 1;
    await expect(importReport(JSON.stringify(extra))).rejects.toThrow('run.results[0].measurement.sneaky is not a field of a TrustGrade run');
    const missing = JSON.parse(unsignedText());
    delete missing.policy;
    await expect(importReport(JSON.stringify(missing))).rejects.toThrow('policy is missing');
  });

  it('names another kind of file for what it is', async () => {
    await expect(importReport(JSON.stringify({ schema: 'trustgrade.comparison/1' }))).rejects.toThrow(
      'The file says it is "trustgrade.comparison/1", not a TrustGrade report (trustgrade.report/1)',
    );
  });

  it('catches grades edited in an unsigned report: they do not follow from the run', async () => {
    const edited = JSON.parse(unsignedText());
    edited.grading.pillars[2].outcome = 'A';
    edited.grading.overall.outcome = 'C';
    const imported = await importReport(JSON.stringify(edited));
    expect(imported.consistency.consistent).toBe(false);
    expect(imported.consistency.message).toBe(
      'The grades stated do not follow from the measurements and policy the report carries: overall C stated, E re-graded; fairness A stated, E re-graded. The report was edited.',
    );
  });

  it('grades a bare run file under the newest policy', async () => {
    const imported = await importReport(JSON.stringify(fixture));
    expect(imported.fromRun).toBe(true);
    expect(imported.report.grading.policy.id).toBe('trustgrade-default');
    expect(imported.signature.status).toBe('unsigned');
  });
});
