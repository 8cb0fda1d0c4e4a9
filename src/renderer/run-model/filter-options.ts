/** The choices of a runs filter: the ids seen (and the one chosen, even when no run shows it now), sorted, once each. */
export function filterOptions(seen: Iterable<string | undefined>, chosen: string): string[] {
  const ids = new Set<string>();
  for (const id of seen) if (id !== undefined && id !== '') ids.add(id);
  if (chosen !== '') ids.add(chosen);
  return [...ids].sort();
}
