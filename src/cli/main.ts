import { Command, InvalidArgumentError } from 'commander';
import { APP_VERSION } from '../core/version';
import type { BackendChoice } from '../core/types';
import { writeFile } from 'node:fs/promises';
import { evaluate } from './evaluate';
import { auxiliaryOption } from './auxiliary';
import { renderComparisonHtml } from '../report/comparison-html';
import { registerReportCommands, withReportOptions, writeReportFiles } from './report';
import { compareForGate, formatComparison, GATE_EXIT_CODE, readRunFile, type ComparisonResult, type GateRule } from './compare';

const GATE_RULES: GateRule[] = ['regression', 'grade-drop', 'none'];

const BACKENDS: BackendChoice[] = ['auto', 'node', 'wasm', 'cpu'];

function integer(name: string) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError(`${name} must be a whole number ≥ 0.`);
    return value;
  };
}

function backend(text: string): BackendChoice {
  if (!BACKENDS.includes(text as BackendChoice)) {
    throw new InvalidArgumentError(`should be one of: ${BACKENDS.join(', ')}.`);
  }
  return text as BackendChoice;
}

function gateRule(text: string): GateRule {
  if (!GATE_RULES.includes(text as GateRule)) throw new InvalidArgumentError(`should be one of: ${GATE_RULES.join(', ')}.`);
  return text as GateRule;
}

/** Prints a comparison on stdout and returns the exit code its gate decides. */
function gate(result: ComparisonResult, json: boolean): number {
  process.stdout.write(`${json ? JSON.stringify(result, null, 2) : formatComparison(result)}\n`);
  for (const reason of result.gate.reasons) process.stderr.write(`trustgrade: gate: ${reason}\n`);
  return result.gate.tripped ? GATE_EXIT_CODE : 0;
}

/**
 * Runs the CLI and returns its exit code: 0 success, 1 failure (with a one-line reason on
 * stderr), 2 when a comparison gate trips (with each reason on stderr).
 */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const program = new Command('trustgrade')
    .version(APP_VERSION)
    .description('Grade how far a machine-learning model can be trusted.')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  withReportOptions(program
    .command('evaluate'))
    .description('Run a suite on a model and dataset and write the graded trust report JSON (it holds the run).')
    .requiredOption('--model <path>', 'ONNX file, TF.js model.json (shards beside it), a folder, or a zip')
    .requiredOption('--dataset <paths...>', 'CSV, JSON rows, MNIST IDX (gz or not), images, or a folder of them')
    .option('--binding <path>', 'binding JSON; default: the shipped binding matched by the model SHA-256')
    .option('--suite <id>', 'suite for the model task kind: quick or standard', 'standard')
    .option('--limit <n>', 'evaluate only the first n rows or images', integer('--limit'))
    .option('--seed <n>', 'seed for every random choice', integer('--seed'), 1)
    .option('--backend <name>', `inference backend: ${BACKENDS.join(', ')}`, backend, 'auto')
    .option('--auxiliary <role=path>', 'a second dataset: ood (another distribution; labels not used) or non-members (rows not trained on); repeatable', auxiliaryOption)
    .requiredOption('--out <path>', 'where to write the graded trust report JSON (the app’s "Export report"; it holds the run)')
    .option('--family <name>', 'model family the run belongs to (for history and comparisons); default: the model folder or file name')
    .option('--model-version <label>', 'version label of this model within its family; default: the model file name')
    .option('--baseline <path>', 'a run or report JSON to compare the new run with (pipeline gate)')
    .option('--fail-on <rule>', 'with --baseline: regression, grade-drop or none', gateRule, 'regression')
    .action(async (options) => {
      const run = await evaluate({ ...options, dataset: options.dataset }, log);
      await writeReportFiles(run, options, log);
      if (options.baseline) exitCode = gate(compareForGate(await readRunFile(options.baseline), run, options.failOn), false);
    });

  program
    .command('compare')
    .description('Compare two runs (or reports): regressions first, grade and risk-class changes, and a pipeline gate.')
    .argument('<base>', 'the earlier run or report JSON')
    .argument('<next>', 'the later run or report JSON')
    .option('--fail-on <rule>', 'exit with code 2 on: regression, grade-drop, or none', gateRule, 'regression')
    .option('--json', 'print the comparison as JSON instead of a table')
    .option('--html <path>', 'also write the comparison as one self-contained HTML file')
    .action(async (basePath: string, nextPath: string, options: { failOn: GateRule; json?: boolean; html?: string }) => {
      const result = compareForGate(await readRunFile(basePath), await readRunFile(nextPath), options.failOn);
      if (options.html) await writeFile(options.html, await renderComparisonHtml(result));
      exitCode = gate(result, Boolean(options.json));
    });

  registerReportCommands(program, log, (code) => { exitCode = code; });

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return 0;
    if (code?.startsWith('commander.')) return 1;
    log(`trustgrade: error: ${(error as Error).message.split('\n')[0]}`);
    return 1;
  }
}
