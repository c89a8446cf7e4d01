/**
 * Sentences and groupings the result pages are built from, kept apart from the elements so they
 * can be tested without a DOM.
 */
import type { Modality, Pillar, ProbeResult, ProbeStatus, RunStatus, Suite, TaskKind } from '../../core/types';
import { PILLARS } from '../format';

/** The sentence that says why a probe has no (or only part of a) measurement. */
export function statusSentence(title: string, status: ProbeStatus, reason: string | undefined): string | null {
  const why = reason ? `: ${reason}` : '';
  switch (status) {
    case 'ok': return null;
    case 'skipped': return `${title} was skipped${why || ': no reason was recorded'}`;
    case 'failed': return `${title} failed${why || ': no error message was recorded'}`;
    case 'cancelled': return `${title} was cancelled before it finished${why}`;
    default: return `${title}: ${status}${why}`;
  }
}

/** What a run's status means for the results shown, in a sentence (null when complete). */
export function runStatusSentence(status: RunStatus, error: string | undefined): string | null {
  const cause = error ? ` ${error}` : '';
  switch (status) {
    case 'complete': return null;
    case 'running': return 'This run is still running; the results below are incomplete.';
    case 'cancelled': return `The run was cancelled; only the probes that finished are shown.${cause}`;
    case 'failed': return `The run failed;${error ? ` the error was: ${error}` : ' no error message was recorded.'} Only the probes that finished before the failure are shown.`;
    case 'interrupted': return `The run was interrupted (the page was closed or reloaded while it ran); only the probes that finished are shown.${cause}`;
    default: return `Status: ${status}.${cause}`;
  }
}

/** Results grouped by pillar in report order; pillars without a result map to an empty list. */
export function groupByPillar(results: ProbeResult[]): Map<Pillar, ProbeResult[]> {
  const groups = new Map<Pillar, ProbeResult[]>(PILLARS.map((p) => [p, []]));
  for (const r of results) {
    if (!groups.has(r.pillar)) groups.set(r.pillar, []);
    groups.get(r.pillar)!.push(r);
  }
  return groups;
}

/** How often each name occurs, most frequent first (then by name), for a layer or operator list. */
export function countNames(names: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** "ai.onnx" for the default domain, which ONNX files write as ''. */
export function domainName(domain: string): string {
  return domain === '' || domain === 'ai.onnx' ? 'ai.onnx' : domain;
}

/** Suites grouped by modality × task, in catalogue order. */
export function groupSuites(list: Suite[]): { modality: Modality; task: TaskKind; suites: Suite[] }[] {
  const groups: { modality: Modality; task: TaskKind; suites: Suite[] }[] = [];
  for (const suite of list) {
    let group = groups.find((g) => g.modality === suite.modality && g.task === suite.task);
    if (!group) groups.push((group = { modality: suite.modality, task: suite.task, suites: [] }));
    group.suites.push(suite);
  }
  return groups;
}

