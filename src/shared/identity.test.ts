import { describe, expect, it } from 'vitest';
import { approverMatches, decisionRight, mayDecide } from './identity.js';

const ana = { name: 'ana', groups: ['finance'] };

describe('the approvers rule', () => {
  it('lets anyone decide when no approvers are listed', () => {
    expect(mayDecide([], { name: 'x', groups: [] })).toBe(true);
  });

  it('matches plain entries against the name and group: entries against the groups', () => {
    expect(approverMatches('ana', ana)).toBe(true);
    expect(approverMatches('group:finance', ana)).toBe(true);
    expect(approverMatches('finance', ana)).toBe(false);
    expect(approverMatches('group:ana', ana)).toBe(false);
    expect(mayDecide(['manager', 'group:finance'], ana)).toBe(true);
    expect(mayDecide(['manager', 'group:legal'], ana)).toBe(false);
  });

  it('says why a decider may not decide', () => {
    expect(decisionRight({ node: 'boss', approvers: ['ben'], decidedBy: [] }, ana)).toEqual({
      canDecide: false,
      reason: 'ana is not among the approvers of boss: ben',
    });
    expect(decisionRight({ node: 'boss', approvers: [], decidedBy: ['ana'] }, ana)).toEqual({
      canDecide: false,
      reason: 'ana has already decided boss',
    });
    expect(decisionRight({ node: 'boss', approvers: ['group:finance'], decidedBy: [] }, ana)).toEqual({
      canDecide: true,
    });
  });
});
