import { main } from '../../src/cli/main.js';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface InProcessOptions {
  env: Record<string, string | undefined>;
  /** A limit against hangs, not a performance assertion. */
  timeoutMs?: number;
}

/** What `serve` and `worker` print once they run until stopped. */
const RUNS_UNTIL_STOPPED = [/^Switchyard serving \S.* at http/m, /^switchyard worker .+: driving up to \d+ runs/m];
const POLL_MS = 5;

/**
 * Runs `switchyard ARGV` in this process through the CLI's own entry (`main` with captured
 * output), thousands of times faster than spawning it. A command that runs until stopped
 * (`serve`, `worker`) gets SIGTERM once it says it runs, as Ctrl-C would give it; the signal is
 * only emitted to this process's listeners, which are the command's own.
 */
export async function runInProcess(argv: readonly string[], options: InProcessOptions): Promise<InProcessResult> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), env: options.env };
  const timeoutMs = options.timeoutMs ?? 15_000;
  let stopTaken = false;
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<never>((_, reject) => {
    const started = Date.now();
    timer = setInterval(() => {
      // Its stop listeners are once-listeners: emitted until one took it.
      const running = RUNS_UNTIL_STOPPED.some((re) => re.test(stdout) || re.test(stderr));
      if (!stopTaken && running && process.listenerCount('SIGTERM') > 0) {
        stopTaken = true;
        process.emit('SIGTERM', 'SIGTERM');
      }
      if (Date.now() - started > timeoutMs)
        reject(new Error(`switchyard ${JSON.stringify(argv)} still runs after ${timeoutMs} ms: ${stderr}`));
    }, POLL_MS);
  });
  try {
    const code = await Promise.race([main([...argv], io), watchdog]);
    return { code, stdout, stderr };
  } finally {
    clearInterval(timer);
  }
}
