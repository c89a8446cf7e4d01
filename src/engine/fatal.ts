/** The message a worker posts when something fails outside any call: the page treats it as a crash. */
export interface FatalMessage {
  trustgradeFatal: string;
}

export function isFatalMessage(data: unknown): data is FatalMessage {
  return typeof data === 'object' && data !== null && typeof (data as FatalMessage).trustgradeFatal === 'string';
}

/**
 * Uncaught errors and unhandled rejections in a worker do not reliably reach the page's
 * `error` listener (libraries install their own handlers), so the worker reports them itself.
 */
export function reportFatalErrors(scope: { addEventListener: WorkerGlobalScope['addEventListener']; postMessage(message: unknown): void }): void {
  const report = (message: string) => scope.postMessage({ trustgradeFatal: message } satisfies FatalMessage);
  scope.addEventListener('error', (event) => report((event as ErrorEvent).message || 'unknown error'));
  scope.addEventListener('unhandledrejection', (event) => {
    const reason = (event as PromiseRejectionEvent).reason;
    report(reason instanceof Error ? reason.message : String(reason));
  });
}
