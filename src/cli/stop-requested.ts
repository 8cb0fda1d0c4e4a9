/** Resolves on the first SIGINT/SIGTERM or when `stop` aborts. */
export function stopRequested(stop: AbortSignal | undefined): { done: Promise<string>; dispose(): void } {
  let dispose = (): void => undefined;
  const done = new Promise<string>((resolveStop) => {
    const onSignal = (signal: NodeJS.Signals): void => resolveStop(signal);
    const onAbort = (): void => resolveStop('stop');
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    stop?.addEventListener('abort', onAbort, { once: true });
    if (stop?.aborted === true) resolveStop('stop');
    dispose = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      stop?.removeEventListener('abort', onAbort);
    };
  });
  return { done, dispose: () => dispose() };
}
