import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFlow, type Outcome } from './cli-harness.js';
import { approvalFlow, failingFlow, linearFlow, signalFlow, typedInputFlow } from './flows.js';
import { runInProcess } from './in-process-cli.js';

/** What the argument fuzzer points commands at: files of every kind and a store with runs in every state. */
export interface FuzzFixtures {
  dir: string;
  /** Workflow files: valid, invalid, not JSON. */
  flows: string[];
  /** Other files a command may be given: input JSON, bundles, a text file, a folder. */
  files: string[];
  /** Runs of the store: completed, waiting on an approval, waiting on a signal, failed. */
  runs: string[];
  /** The store each case gets a fresh copy of (`resetStore`), and where. */
  base: string;
  store: string;
}

const SWITCHYARD_DIR = 'sy';

async function outcome(argv: readonly string[], store: string): Promise<Outcome> {
  const r = await runInProcess([...argv, '--db', store, '--json'], { env: {} });
  const last = r.stdout.trimEnd().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as Outcome;
  } catch {
    throw new Error(`fixture: switchyard ${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
  }
}

/** Writes the fixtures into `root` and records the runs of the base store. */
export async function makeFuzzFixtures(root: string): Promise<FuzzFixtures> {
  const dir = join(root, SWITCHYARD_DIR);
  mkdirSync(dir, { recursive: true });
  const at = (name: string) => join(dir, name);
  const flows = [
    writeFlow(dir, 'linear', linearFlow),
    writeFlow(dir, 'approval', approvalFlow),
    writeFlow(dir, 'signal', signalFlow),
    writeFlow(dir, 'failing', failingFlow),
    writeFlow(dir, 'typed-input', typedInputFlow),
    writeFlow(dir, 'invalid', { ...linearFlow, edges: [{ from: 'start', to: 'nowhere' }] }),
    writeFlow(dir, 'not-json', '{"format": "switchyard/workflow@1", '),
    writeFlow(dir, 'empty', ''),
  ].map(at);
  writeFileSync(at('input.json'), '{"name": "Ada", "amount": 3}');
  writeFileSync(at('deep.json'), `${'['.repeat(300)}${']'.repeat(300)}`);
  writeFileSync(at('notes.txt'), 'not JSON at all\n');
  mkdirSync(at('folder.flow.json'), { recursive: true });

  const base = at('base.db');
  const runs = [
    (await outcome(['run', at('linear.flow.json'), '--input', '{"name":"Bo"}'], base)).runId,
    (await outcome(['run', at('approval.flow.json'), '--input', '{"amount":5000}'], base)).runId,
    (await outcome(['run', at('signal.flow.json')], base)).runId,
    (await outcome(['run', at('failing.flow.json')], base)).runId,
  ];
  const bundle = await runInProcess(['export-run', runs[0] ?? '', '--db', base], { env: {} });
  writeFileSync(at('bundle.json'), bundle.stdout);
  writeFileSync(at('broken-bundle.json'), bundle.stdout.replace('"seq": 2', '"seq": 7'));
  const files = ['input.json', 'deep.json', 'notes.txt', 'folder.flow.json', 'bundle.json', 'broken-bundle.json'].map(
    at,
  );
  return { dir, flows, files, runs, base, store: at('case.db') };
}

/** A fresh copy of the base store at `fixtures.store`, without what a previous case left next to it. */
export function resetStore(fixtures: FuzzFixtures): void {
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    rmSync(`${fixtures.store}${suffix}`, { force: true, recursive: true });
  copyFileSync(fixtures.base, fixtures.store);
}
