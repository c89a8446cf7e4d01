/**
 * The JSON file runs are exported to and imported from. Pure: no IndexedDB here.
 *
 *   { "format": "trustgrade.runs/1", "exportedAt": "<ISO time>", "runs": [Run, …] }
 *
 * A single Run, and a report (what `trustgrade evaluate --out` writes: its run is imported, and
 * graded again here), are accepted on import as well.
 */
import { parseRun, RunValidationError } from '../core/run-schema';
import type { Run } from '../core/types';
import { ImportError } from './errors';

export const RUNS_FORMAT = 'trustgrade.runs/1';

export interface RunsFile {
  format: typeof RUNS_FORMAT;
  exportedAt: string;
  runs: Run[];
}

const WHAT_TO_DO = 'Choose a file made by TrustGrade\'s "Export runs" or by `trustgrade evaluate --out`.';

export function serializeRuns(runs: Run[], exportedAt: string): string {
  const file: RunsFile = { format: RUNS_FORMAT, exportedAt, runs };
  return JSON.stringify(file, null, 2);
}

/**
 * Parses and validates every run in an export file, all or nothing. Throws ImportError naming the
 * first violation, with runs counted from 1: "run 2: results[0].status must be one of …".
 */
export function parseRunsFile(text: string): Run[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ImportError(`The file is not valid JSON (${detail}). ${WHAT_TO_DO}`);
  }
  return runsIn(json).map((run, index) => {
    try {
      return parseRun(run);
    } catch (error) {
      if (!(error instanceof RunValidationError)) throw error;
      throw new ImportError(
        `run ${index + 1}: ${error.violation}. Nothing was imported: the file was edited or made by another program. ` +
          'Export the runs again from TrustGrade, or correct that field.',
      );
    }
  });
}

function runsIn(json: unknown): unknown[] {
  if (!isObject(json)) {
    throw new ImportError(`The file holds ${Array.isArray(json) ? 'a list' : 'a single value'}, not a TrustGrade runs export. ${WHAT_TO_DO}`);
  }
  if (json.format === RUNS_FORMAT) {
    if (!Array.isArray(json.runs)) {
      throw new ImportError(`The file says it is a TrustGrade runs export but has no "runs" list. ${WHAT_TO_DO}`);
    }
    return json.runs;
  }
  if (json.schema === 'trustgrade.run/1') return [json];
  if (json.schema === 'trustgrade.report/1' && isObject(json.run)) return [json.run];
  if (typeof json.format === 'string') {
    throw new ImportError(
      `The file's format is ${JSON.stringify(json.format.slice(0, 60))}; this version of TrustGrade reads ${RUNS_FORMAT}. ` +
        'Import it in the version of TrustGrade that wrote it, or export the runs again.',
    );
  }
  throw new ImportError(`The file is JSON but not a TrustGrade runs export (it has no "format": "${RUNS_FORMAT}"). ${WHAT_TO_DO}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
