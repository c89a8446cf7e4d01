import type { Progress } from '../core/types';

/** Least time between two progress events, so the main thread is never flooded. */
const THROTTLE_MS = 100;

/**
 * Turns per-probe fractions into overall progress with an estimated time left.
 * Each probe counts as an equal share of the run; the estimate is elapsed / done × left.
 */
export function createProgressTracker(runId: string, probeCount: number, emit?: (p: Progress) => void) {
  const started = performance.now();
  let index = 0;
  let probeId = '';
  let title = '';
  let lastEmit = -Infinity;

  const send = (fraction: number, message: string, force = false) => {
    if (!emit) return;
    const now = performance.now();
    if (!force && now - lastEmit < THROTTLE_MS) return;
    lastEmit = now;
    const done = probeCount === 0 ? 1 : Math.min(1, (index + fraction) / probeCount);
    const spent = now - started;
    const etaMs = done > 0.02 && spent > 250 ? Math.round((spent / done) * (1 - done)) : null;
    emit({ runId, probeId, probeIndex: index, probeCount, fraction: done, etaMs, message });
  };

  return {
    startProbe(i: number, id: string, probeTitle: string) {
      index = i;
      probeId = id;
      title = probeTitle;
      send(0, `${title}…`, true);
    },
    probeProgress(fraction: number, message?: string) {
      send(Math.max(0, Math.min(1, fraction)), message ?? `${title}…`);
    },
    finish() {
      index = probeCount;
      send(0, 'Done', true);
    },
  };
}
