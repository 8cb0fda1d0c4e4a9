import { describe, expect, it } from 'vitest';
import type { Trigger } from '#shared';
import { edges, flow } from '../testing/engine.test-support.js';
import { formatProblem } from './problem.js';
import { validateWorkflow } from './validate-workflow.js';

function problems(triggers: Trigger[]): string[] {
  const doc = flow(
    [
      { id: 'start', kind: 'start' },
      { id: 'done', kind: 'end' },
    ],
    edges('start>done'),
    { triggers },
  );
  return validateWorkflow(doc).map((p) => `${p.code} ${p.field ?? ''} ${formatProblem('f.flow.json', p)}`);
}

const hook = (id: string, path: string): Trigger => ({ id, kind: 'webhook', path, auth: { type: 'none' } });

describe('trigger validation', () => {
  it('accepts a good schedule and webhooks', () => {
    expect(
      problems([
        { id: 'daily', kind: 'schedule', cron: '0 9 * * 1-5', timezone: 'Europe/Berlin', input: "{ 'at': $now() }" },
        { id: 'fast', kind: 'schedule', cron: '*/10 * * * * *', timezone: 'UTC' },
        hook('a', 'orders/new'),
      ]),
    ).toEqual([]);
  });

  it('names the field of a bad cron, time zone or input expression', () => {
    expect(
      problems([
        { id: 'a', kind: 'schedule', cron: '61 * * * *', timezone: 'UTC' },
        { id: 'b', kind: 'schedule', cron: 'every day', timezone: 'UTC' },
        { id: 'c', kind: 'schedule', cron: '0 9 * * *', timezone: 'Mars/Olympus' },
        { id: 'd', kind: 'schedule', cron: '0 9 * * *', timezone: 'UTC', input: '{ "a": ' },
      ]),
    ).toEqual([
      'BAD_TRIGGER triggers[0].cron f.flow.json: trigger a: cron: invalid cron expression "61 * * * *": Invalid value for minute: 61',
      expect.stringMatching(
        /^BAD_TRIGGER triggers\[1\]\.cron f\.flow\.json: trigger b: cron: invalid cron expression "every day": /,
      ),
      'BAD_TRIGGER triggers[2].timezone f.flow.json: trigger c: timezone: unknown time zone "Mars/Olympus"; expected an IANA name such as Europe/Berlin',
      expect.stringMatching(/^BAD_EXPRESSION triggers\[3\]\.input f\.flow\.json: trigger d: input: /),
    ]);
  });

  it('refuses a trigger id or a webhook path used twice', () => {
    expect(problems([hook('a', 'x'), hook('a', 'y'), hook('b', 'x')])).toEqual([
      'DUPLICATE_TRIGGER triggers[1] f.flow.json: trigger a: id also used by triggers[0]; trigger ids must be unique',
      'DUPLICATE_WEBHOOK_PATH triggers[2].path f.flow.json: trigger b: path: "x" is also the path of trigger a',
    ]);
  });
});
