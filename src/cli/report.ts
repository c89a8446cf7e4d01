/**
 * The CLI's trust-report side: grading a run into the same report JSON, HTML and model-card
 * snippet the app exports (`evaluate --out/--html/--model-card`, `report`), signing it with an
 * EC P-256 key file (`--key`, `keygen`), and checking a report someone sends (`verify`).
 */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import type { Policy, Report, RiskClass } from '../core/report-types';
import { RISK_CLASSES } from '../core/report-types';
import type { Run } from '../core/types';
import { outcomeWords } from '../core/grade-words';
import { findPolicy, latestPolicy, parsePolicy } from '../policies';
import { buildReport, reportJson } from '../report/export';
import { renderReportHtml } from '../report/html';
import { importReport } from '../report/import';
import { modelCardSnippet } from '../report/model-card';
import { keyIdOf, type ReportSigner } from '../report/signing';
import { registerRerunCommand } from './rerun';

export interface ReportFileOptions {
  /** Where to write the graded report JSON (the app's "Export report"; it holds the run). */
  out?: string;
  /** Deprecated alias of `out`, kept for scripts written before `--out` wrote the report. */
  report?: string;
  html?: string;
  modelCard?: string;
  riskClass?: RiskClass;
  policy?: string;
  key?: string;
}

/** Exit code of `verify` for an invalid signature or grades that do not follow from the run; 1 stays for errors. */
export const TAMPERED_EXIT_CODE = 3;

export function riskClassOption(text: string): RiskClass {
  if (!RISK_CLASSES.includes(text as RiskClass)) throw new InvalidArgumentError(`should be one of: ${RISK_CLASSES.join(', ')}.`);
  return text as RiskClass;
}

/**
 * The policy to grade with: a shipped policy id (`trustgrade-default`, newest version) or
 * `id@version`, or the path of a policy JSON file; the newest default policy when not given.
 */
export async function loadPolicy(spec: string | undefined): Promise<Policy> {
  if (!spec) return latestPolicy();
  const pinned = /^([\w.-]+)@(\d+)$/.exec(spec);
  if (pinned) {
    const policy = findPolicy(pinned[1], Number(pinned[2]));
    if (policy) return policy;
    const newest = latestPolicy(pinned[1]); // throws, naming the shipped policies, for an unknown id
    throw new Error(`There is no version ${pinned[2]} of the shipped policy "${pinned[1]}" (the newest is ${newest.version}). Give a version that exists, or the id alone for the newest.`);
  }
  if (!/[/\\]|\.json$/i.test(spec)) return latestPolicy(spec);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(spec, 'utf8'));
  } catch (error) {
    throw new Error(`The policy file '${spec}' could not be read as JSON (${(error as Error).message}).`);
  }
  return parsePolicy(json);
}

/** A signer over an EC P-256 private key in PEM (PKCS#8 "PRIVATE KEY" or SEC1 "EC PRIVATE KEY"). */
export async function signerFromKeyFile(path: string): Promise<ReportSigner> {
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch {
    throw new Error(`The key file '${path}' does not exist or cannot be read. Make one with: trustgrade keygen --out ${path}`);
  }
  let jwk: JsonWebKey;
  try {
    jwk = createPrivateKey(pem).export({ format: 'jwk' });
  } catch (error) {
    throw new Error(`The key file '${path}' is not a PEM private key (${(error as Error).message}). Make one with: trustgrade keygen --out key.pem`);
  }
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y || !jwk.d) {
    throw new Error(`The key in '${path}' is not an EC P-256 private key (it is ${jwk.kty === 'EC' ? `an EC key on ${jwk.crv}` : `${jwk.kty ?? 'of unknown type'}`}). Reports are signed with ECDSA P-256: make a key with trustgrade keygen --out key.pem.`);
  }
  const key = await globalThis.crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  return {
    publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
    sign: async (data) => new Uint8Array(await globalThis.crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, data as Uint8Array<ArrayBuffer>)),
  };
}

/** Grades a run and writes the report files asked for; returns the report (also when no file was asked for). */
export async function writeReportFiles(run: Run, options: ReportFileOptions, log: (line: string) => void): Promise<Report> {
  const policy = await loadPolicy(options.policy);
  const signer = options.key ? await signerFromKeyFile(options.key) : undefined;
  const report = await buildReport(run, policy, { ...(options.riskClass ? { riskClass: options.riskClass } : {}), ...(signer ? { signer } : {}) });
  const g = report.grading;
  log(`grade ${outcomeWords(g.overall.outcome)} under ${policy.id} v${policy.version}: ${g.overall.reason}`);
  log(`verdict: this model ${g.summary}`);
  if (options.report) log(`note: --report is deprecated and will be removed; --out ${options.out ? 'already writes' : 'writes'} the report JSON`);
  for (const path of new Set([options.out, options.report].filter((p): p is string => Boolean(p)))) {
    await writeFile(path, reportJson(report));
    log(`wrote ${path}${report.signature ? ` (signed, key id ${report.signature.keyId.slice(0, 16)}…)` : ' (unsigned: give --key key.pem to sign it)'}`);
  }
  if (options.html) {
    await writeFile(options.html, await renderReportHtml(report));
    log(`wrote ${options.html}`);
  }
  if (options.modelCard) {
    await writeFile(options.modelCard, modelCardSnippet(report));
    log(`wrote ${options.modelCard}`);
  }
  return report;
}

/** Adds the report options to a command (`evaluate`, `report`). */
export function withReportOptions(command: Command): Command {
  return command
    .option('--report <path>', 'deprecated: the same as --out (write the graded report JSON)')
    .option('--html <path>', 'write the report as one self-contained HTML file')
    .option('--model-card <path>', 'write a Hugging Face model-card snippet (model-index YAML and a grade table)')
    .option('--risk-class <class>', `the application’s risk class: ${RISK_CLASSES.join(', ')}`, riskClassOption)
    .option('--policy <id|file>', 'grading policy: a shipped id (optionally id@version) or a policy JSON file; default the newest shipped')
    .option('--key <pem>', 'sign the report with this EC P-256 private key (PEM); make one with trustgrade keygen');
}

/** Registers `report`, `verify`, `keygen` and `rerun`; `setExit` receives a command's exit code. */
export function registerReportCommands(program: Command, log: (line: string) => void, setExit: (code: number) => void): void {
  withReportOptions(
    program
      .command('report')
      .description('Grade a stored run (or re-grade a report) under a policy, without running the model again.')
      .argument('<file>', 'a run or report JSON')
      .option('--out <path>', 'write the graded trust report JSON (the app’s "Export report"; it holds the run)'),
  ).action(async (file: string, options: ReportFileOptions) => {
    const { run, riskClass } = await readRunOrReport(file);
    await writeReportFiles(run, { ...options, riskClass: options.riskClass ?? riskClass ?? undefined }, log);
  });

  program
    .command('verify')
    .description(`Check a report: schema, signature, and that its grades follow from its measurements (exit ${TAMPERED_EXIT_CODE} when not).`)
    .argument('<report>', 'a report JSON')
    .option('--require-signature', `also exit ${TAMPERED_EXIT_CODE} when the report is unsigned`)
    .action(async (file: string, options: { requireSignature?: boolean }) => {
      const imported = await importReport(await readText(file, 'report'));
      process.stdout.write(`signature: ${imported.signature.status} — ${imported.signature.message}\n`);
      process.stdout.write(`grades: ${imported.consistency.consistent ? 'consistent' : 'INCONSISTENT'} — ${imported.consistency.message}\n`);
      const bad = imported.signature.status === 'invalid' || !imported.consistency.consistent || (options.requireSignature && imported.signature.status === 'unsigned');
      setExit(bad ? TAMPERED_EXIT_CODE : 0);
    });

  program
    .command('keygen')
    .description('Make an EC P-256 private key (PKCS#8 PEM) to sign reports with --key.')
    .requiredOption('--out <path>', 'where to write the private key (readable by you only)')
    .action(async (options: { out: string }) => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      await writeFile(options.out, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
        throw new Error(error.code === 'EEXIST' ? `'${options.out}' already exists; keygen never overwrites a key. Choose another path.` : error.message);
      });
      const jwk = publicKey.export({ format: 'jwk' });
      log(`wrote ${options.out}; key id ${await keyIdOf({ x: jwk.x!, y: jwk.y! })} (reports signed with it carry this id)`);
    });

  registerRerunCommand(program, log, setExit);
}

/** The run inside a run or report file, with the risk class the report was judged for. */
export async function readRunOrReport(path: string): Promise<{ run: Run; report: Report | null; riskClass: RiskClass | null }> {
  const imported = await importReport(await readText(path, 'run or report'));
  if (!imported.fromRun && imported.signature.status === 'invalid') {
    throw new Error(`'${path}': ${imported.signature.message}`);
  }
  return { run: imported.report.run, report: imported.fromRun ? null : imported.report, riskClass: imported.fromRun ? (imported.report.run.riskClass ?? null) : imported.report.grading.riskClass };
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new Error(`The ${what} file '${path}' does not exist or cannot be read. Check the path.`);
  }
}
