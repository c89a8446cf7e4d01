/**
 * A cancel that reaches synchronous loops. The page's Cancel arrives in the worker as a message,
 * which waits until the engine's thread is free; a bootstrap of a thousand resamples is one
 * synchronous call and checks `signal.aborted` only for aborts that happened on its own thread.
 * With a flag in shared memory, written by the page and read at every such check, the check sees
 * the cancel at once. Needs SharedArrayBuffer (the app is cross-origin isolated); without it the
 * cancel message and the page's hard stop remain.
 */

/** A one-value shared flag (0 = go on, 1 = cancel), or null where shared memory is unavailable. */
export function createCancelFlag(): Int32Array | null {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  if (typeof SharedArrayBuffer !== 'function' || isolated === false) return null;
  return new Int32Array(new SharedArrayBuffer(4));
}

export function raiseCancelFlag(flag: Int32Array): void {
  Atomics.store(flag, 0, 1);
}

const nativeAborted = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')!.get!;

/**
 * Makes `controller.signal.aborted` also read the shared flag: when the flag is up, the read
 * aborts the controller (listeners run, `reason` is set) and answers true. Only this signal
 * instance is changed.
 */
export function followCancelFlag(controller: AbortController, flag: Int32Array): void {
  const signal = controller.signal;
  Object.defineProperty(signal, 'aborted', {
    configurable: true,
    get(): boolean {
      if (!nativeAborted.call(signal) && Atomics.load(flag, 0) !== 0) controller.abort();
      return nativeAborted.call(signal);
    },
  });
}
