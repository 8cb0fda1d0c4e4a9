import { z } from 'zod';

/** How an approver entry names a group: `group:finance`; any other entry is a user name. */
export const GROUP_PREFIX = 'group:';

/** A user or group name: letters, digits and `. _ @ -`, so it can never be read as `group:…`. */
export const PrincipalName = z
  .string()
  .min(1, 'expected a name')
  .max(100, 'a name is at most 100 characters')
  .regex(/^[A-Za-z0-9._@-]+$/, 'expected letters, digits, ".", "_", "@" or "-" only');

/**
 * Who is calling the backend. `os`: the operating-system user of the desktop app or of a
 * `switchyard serve` without `--users`; `users-file`: a user of `serve --users FILE`, signed in.
 */
export const Identity = z.object({
  name: z.string().min(1),
  groups: z.array(z.string()),
  source: z.enum(['os', 'users-file']),
});
export type Identity = z.infer<typeof Identity>;

/** Whether the caller may decide an approval, and if not, why (a sentence for a person). */
export type DecisionRight = { canDecide: true } | { canDecide: false; reason: string };

/** The part of an identity the approvers rule reads. */
export type Decider = Pick<Identity, 'name' | 'groups'>;

/** Whether one approver entry (`ana` or `group:finance`) names the decider. */
export function approverMatches(entry: string, decider: Decider): boolean {
  if (entry.startsWith(GROUP_PREFIX)) return decider.groups.includes(entry.slice(GROUP_PREFIX.length));
  return entry === decider.name;
}

/**
 * The approvers rule, the one place it is written (the engine enforces it, the inbox and the
 * run view show it): an empty list lets anyone decide; otherwise the decider must be named,
 * or be in a named group.
 *
 * @example
 * mayDecide(['manager', 'group:finance'], { name: 'ana', groups: ['finance'] }) // true
 */
export function mayDecide(approvers: readonly string[], decider: Decider): boolean {
  return approvers.length === 0 || approvers.some((entry) => approverMatches(entry, decider));
}

/**
 * What the UI shows next to an approval's Approve/Reject buttons.
 *
 * @example
 * decisionRight({ node: 'boss', approvers: ['ana'], decidedBy: [] }, { name: 'ben', groups: [] })
 * // { canDecide: false, reason: 'ben is not among the approvers of boss: ana' }
 */
export function decisionRight(
  approval: { node: string; approvers: readonly string[]; decidedBy: readonly string[] },
  decider: Decider,
): DecisionRight {
  if (!mayDecide(approval.approvers, decider))
    return {
      canDecide: false,
      reason: `${decider.name} is not among the approvers of ${approval.node}: ${approval.approvers.join(', ')}`,
    };
  if (approval.decidedBy.includes(decider.name))
    return { canDecide: false, reason: `${decider.name} has already decided ${approval.node}` };
  return { canDecide: true };
}
