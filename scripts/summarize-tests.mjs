// Prints the one closing line CI reads: "N passed, N failed[, N skipped]", over every vitest project.
import { readFileSync } from 'node:fs';

const path = process.argv[2];
let report;
try {
  report = JSON.parse(readFileSync(path, 'utf8'));
} catch {
  console.log('0 passed, 1 failed');
  console.error(`no test report at ${path}: the test runner did not finish`);
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
// A file that fails to load counts as a failure even though none of its tests ran.
const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
const failed = (report.numFailedTests ?? 0) + brokenFiles;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
