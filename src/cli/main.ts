import { Command, InvalidArgumentError } from 'commander';
import { APP_VERSION } from '../core/version';
import type { BackendChoice } from '../core/types';
import { evaluate } from './evaluate';

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

/** Runs the CLI and returns its exit code: 0 success, 1 failure (with a one-line reason on stderr). */
export async function main(argv: string[]): Promise<number> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const program = new Command('trustgrade')
    .version(APP_VERSION)
    .description('Grade how far a machine-learning model can be trusted.')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  program
    .command('evaluate')
    .description('Run a suite on a model and dataset and write the run as JSON.')
    .requiredOption('--model <path>', 'ONNX file, TF.js model.json (shards beside it), a folder, or a zip')
    .requiredOption('--dataset <paths...>', 'CSV, JSON rows, MNIST IDX (gz or not), images, or a folder of them')
    .option('--binding <path>', 'binding JSON; default: the shipped binding matched by the model SHA-256')
    .option('--suite <id>', 'suite for the model task kind: quick or standard', 'standard')
    .option('--limit <n>', 'evaluate only the first n rows or images', integer('--limit'))
    .option('--seed <n>', 'seed for every random choice', integer('--seed'), 1)
    .option('--backend <name>', `inference backend: ${BACKENDS.join(', ')}`, backend, 'auto')
    .requiredOption('--out <path>', 'where to write the run JSON')
    .action(async (options) => {
      await evaluate({ ...options, dataset: options.dataset }, log);
    });

  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return 0;
    if (code?.startsWith('commander.')) return 1;
    log(`trustgrade: error: ${(error as Error).message.split('\n')[0]}`);
    return 1;
  }
}
