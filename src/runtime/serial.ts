/**
 * Runs async tasks one after another. Inference sessions (WASM, WebGPU) are not re-entrant, and
 * TF.js has one global backend, so each adapter funnels its calls through one of these.
 */
export interface SerialQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task);
      // A failed task must not block the ones queued after it.
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
