import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Workflow } from '#shared';

const examplesDir = resolve(import.meta.dirname, '../../../assets/examples');

/** An input for each example that takes its interesting path (approvals approved, signals sent by the tests). */
const EXAMPLE_INPUTS: Record<string, unknown> = {
  'order-approval': { amount: 5000, customer: 'ACME' },
  'data-pipeline': {
    records: [
      { name: 'a', value: 1 },
      { name: 'b', value: 2, flaky: true },
    ],
  },
  'trip-booking-saga': { carAvailable: false },
  'fetch-user': { baseUrl: 'http://example.test', userId: 1 },
  'parallel-enrich': { name: 'Ada', company: true },
  'payment-signal': { email: 'a@b.c' },
  'reminder-delay': { waitMs: 10 },
  'ticket-router': { priority: 'low', topic: 'billing' },
  'retry-countdown': { from: 4 },
  'quote-race': {},
  'factorial-recursion': { n: 4 },
};

/** The example workflow `assets/examples/NAME.flow.json`. */
export function exampleWorkflow(name: string): Workflow {
  return Workflow.parse(JSON.parse(readFileSync(join(examplesDir, `${name}.flow.json`), 'utf8')));
}

/** Every example: its file name, document and test input. */
export function allExamples(): { file: string; workflow: Workflow; input: unknown }[] {
  return readdirSync(examplesDir)
    .filter((f) => f.endsWith('.flow.json'))
    .map((file) => {
      const workflow = exampleWorkflow(file.slice(0, -'.flow.json'.length));
      return { file, workflow, input: EXAMPLE_INPUTS[workflow.id] ?? {} };
    });
}
