/**
 * How the page learns that its worker has gone away without a word. A worker that calls
 * `self.close()`, or that the browser stops, fires no event on its `Worker` object, so every call
 * to it would wait forever. A Web Lock held by the worker for its whole life is released by the
 * browser when the worker ends, however it ends, and a busy worker keeps holding it (no heartbeat
 * that a long synchronous computation could miss). The page asks for the same lock and is granted
 * it exactly when the worker is gone.
 */

/** Page → worker: hold this lock for as long as you live. */
export interface LivenessRequest {
  trustgradeLiveness: string;
}

/** Worker → page: the lock is held. */
export interface LivenessHeld {
  trustgradeAlive: string;
}

export function isLivenessRequest(data: unknown): data is LivenessRequest {
  return typeof data === 'object' && data !== null && typeof (data as LivenessRequest).trustgradeLiveness === 'string';
}

export function isLivenessHeld(data: unknown): data is LivenessHeld {
  return typeof data === 'object' && data !== null && typeof (data as LivenessHeld).trustgradeAlive === 'string';
}

/** The part of the Web Locks API used here (`navigator.locks`). */
export interface Locks {
  request(name: string, options: { signal?: AbortSignal }, callback: () => unknown): Promise<unknown>;
  request(name: string, callback: () => unknown): Promise<unknown>;
}

/** `navigator.locks` where this context has it (browsers, windows and workers), else null (Node). */
export function defaultLocks(): Locks | null {
  const nav = (globalThis as { navigator?: { locks?: Locks } }).navigator;
  return nav?.locks ?? null;
}

/** Worker side: answers a liveness request by taking the named lock and never letting it go. */
export function holdLivenessLock(
  scope: { addEventListener(type: 'message', listener: (event: MessageEvent) => void): void; postMessage(message: unknown): void },
  locks: Locks | null = defaultLocks(),
): void {
  if (!locks) return;
  scope.addEventListener('message', (event: MessageEvent) => {
    if (!isLivenessRequest(event.data)) return;
    const name = event.data.trustgradeLiveness;
    void locks.request(name, () => {
      scope.postMessage({ trustgradeAlive: name } satisfies LivenessHeld);
      return new Promise(() => {}); // held until the worker ends
    });
  });
}
