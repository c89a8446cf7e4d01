/**
 * Lets the engine's thread take in messages (a cancel, above all) during a long probe. Model calls
 * in Node and TF.js can resolve through promise callbacks alone, so a probe of a thousand model
 * calls may never give the event loop a turn: a cancel sent to the worker, or a timer in the CLI,
 * would wait until the probe ended. Before a model call, `breathe()` yields one macrotask when
 * `everyMs` have passed since the last one, then the caller checks its signal: a cancel lands
 * within about `everyMs` plus one model call, for well under 1 % of the time.
 */
export function createBreather(everyMs = 40, now: () => number = () => performance.now()): () => Promise<void> {
  let last = now();
  return async () => {
    if (now() - last < everyMs) return;
    await nextMacrotask();
    last = now();
  };
}

/** One turn of the event loop: setImmediate in Node, a MessageChannel message elsewhere (no timer clamping). */
export function nextMacrotask(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
  if (typeof immediate === 'function') return new Promise((resolve) => { immediate(resolve); });
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
