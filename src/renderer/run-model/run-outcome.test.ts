import { describe, expect, it } from 'vitest';
import { outcomeLabel, outcomeSummary } from './run-outcome.js';

const handled = {
  count: 2,
  nodes: ['charge'],
  first: { node: 'charge', seq: 4, error: { code: 'EXPRESSION', message: 'card declined' } },
};

describe('run outcome', () => {
  it('labels a completed run with handled errors, and every other run by its status', () => {
    expect(outcomeLabel('completed', handled)).toEqual({
      status: 'completed',
      handled: true,
      text: 'completed with handled errors',
      detail: '2 handled errors (charge); first: charge: card declined',
    });
    expect(outcomeLabel('completed', undefined)).toMatchObject({ handled: false, text: 'completed' });
    expect(outcomeLabel('failed', handled)).toMatchObject({ handled: false, text: 'failed' });
  });

  it('summarises the output of a completed run and the error of a failed one, clipped to one line', () => {
    expect(outcomeSummary({ status: 'completed', output: { total: 1200 } })).toEqual({
      tone: 'output',
      text: '{"total":1200}',
      full: '{"total":1200}',
    });
    expect(outcomeSummary({ status: 'completed', output: 'x'.repeat(200) }).text).toHaveLength(80);
    expect(outcomeSummary({ status: 'completed', output: null }).tone).toBe('none');
    expect(outcomeSummary({ status: 'failed', error: { code: 'HTTP_STATUS', message: 'got 503' } })).toEqual({
      tone: 'error',
      text: 'got 503',
      full: 'HTTP_STATUS: got 503',
    });
    expect(outcomeSummary({ status: 'running' })).toEqual({ tone: 'none', text: '–', full: '' });
    expect(outcomeSummary({ status: 'completed', output: 'declined', handledErrors: handled }).full).toBe(
      '"declined"\n2 handled errors (charge); first: charge: card declined',
    );
  });
});
