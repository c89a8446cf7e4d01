/**
 * Scheduling on the main thread: wait for the next drawn frame, and do a long piece of work in
 * small slices, each in its own task, so that none of them keeps the page from responding.
 */

/**
 * Resolves in a fresh task once the next frame has been drawn, so that what the caller renders
 * next is neither laid out together with what it rendered before nor run inside the frame itself.
 * Where no frame comes (a hidden tab draws none), it goes on after a short wait anyway.
 */
export function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => {
    let called = false;
    const next = () => {
      if (called) return;
      called = true;
      setTimeout(resolve, 0);
    };
    requestAnimationFrame(next);
    setTimeout(next, 100);
  });
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Runs the steps of `work` (a generator that yields between small steps) for at most about
 * `budgetMs` per task, going on in a new task until it is done.
 */
export async function runInSlices(work: Iterable<unknown>, budgetMs = 8): Promise<void> {
  const steps = work[Symbol.iterator]();
  for (;;) {
    const end = performance.now() + budgetMs;
    while (performance.now() < end) if (steps.next().done) return;
    await nextTask();
  }
}
