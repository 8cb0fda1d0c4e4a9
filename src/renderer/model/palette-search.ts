import { kindSpec, type NodeKind } from '#shared';
import { kindBlurb, kindTitle, PALETTE_GROUPS } from './node-kinds.js';

/**
 * The palette's groups with only the kinds that match `query` (every word, any case, in the kind,
 * its title or its one-line description); kinds whose title starts with the query come first.
 *
 * @example
 * filterPalette('appr') // → [{ title: 'People & events', kinds: ['approval'] }]
 */
export function filterPalette(query: string): typeof PALETTE_GROUPS {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return PALETTE_GROUPS;
  const first = words[0] ?? '';
  const matches = (kind: NodeKind): boolean => {
    const text = `${kind} ${kindTitle(kind)} ${kindBlurb(kind)} ${kindSpec(kind).palette.group}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
  const starts = (kind: NodeKind): boolean =>
    kind.toLowerCase().startsWith(first) || kindTitle(kind).toLowerCase().startsWith(first);
  const groups = PALETTE_GROUPS.map((group) => ({
    title: group.title,
    kinds: group.kinds.filter(matches).sort((a, b) => Number(starts(b)) - Number(starts(a))),
  })).filter((group) => group.kinds.length > 0);
  // The group holding the best match leads, so that Enter adds what the eye reads first.
  const best = groups.findIndex((group) => group.kinds.some(starts));
  if (best <= 0) return groups;
  const lead = groups[best];
  return lead === undefined ? groups : [lead, ...groups.filter((_, i) => i !== best)];
}
