import { describe, expect, it } from 'vitest';
import { formatDuration, nodeSummary } from './node-summary.js';

describe('nodeSummary', () => {
  it('says in one line what a node is set to do', () => {
    expect(
      nodeSummary({ id: 'h', kind: 'http', config: { method: 'POST', url: 'https://x.test/{{ input.id }}' } }),
    ).toBe('POST https://x.test/{{ input.id }}');
    expect(nodeSummary({ id: 'c', kind: 'condition', config: { when: 'input.a\n  > 1' } })).toBe('input.a > 1');
    expect(nodeSummary({ id: 'w', kind: 'wait', config: { events: ['paid', 'cancel'] } })).toBe('on paid | cancel');
    expect(nodeSummary({ id: 's', kind: 'script', config: { code: '// sum\nreturn input.a + 1;' } })).toBe(
      'return input.a + 1;',
    );
    expect(nodeSummary({ id: 'd', kind: 'delay', config: { ms: 90_000 } })).toBe('wait 1.5 min');
    expect(nodeSummary({ id: 'j', kind: 'join', config: { mode: 'count', count: 2 } })).toBe('Waits for 2 branches');
    expect(nodeSummary({ id: 'e', kind: 'end' })).toBe('Completes the run');
    expect(nodeSummary({ id: 't', kind: 'transform', config: { assign: { a: '1', b: '2' } } })).toBe(
      'sets vars.a, vars.b',
    );
    expect(nodeSummary({ id: 'l', kind: 'log', config: { message: 'x'.repeat(200) } })).toHaveLength(80);
  });

  it('formats durations', () => {
    expect([formatDuration(500), formatDuration(1500), formatDuration(86_400_000)]).toEqual(['500 ms', '1.5 s', '1 d']);
  });
});
