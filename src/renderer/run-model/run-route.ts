/** The app's pages, as the location hash spells them. */
export type Route =
  | { readonly page: 'designer' }
  | { readonly page: 'runs' }
  | { readonly page: 'run'; readonly runId: string }
  | { readonly page: 'inbox' };

/** `#/runs/r_1` → the run page; unknown hashes → the designer. */
export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((p) => p !== '');
  if (parts[0] === 'runs' && parts[1] !== undefined) return { page: 'run', runId: decodeURIComponent(parts[1]) };
  if (parts[0] === 'runs') return { page: 'runs' };
  if (parts[0] === 'inbox') return { page: 'inbox' };
  return { page: 'designer' };
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'designer':
      return '#/';
    case 'runs':
      return '#/runs';
    case 'run':
      return `#/runs/${encodeURIComponent(route.runId)}`;
    case 'inbox':
      return '#/inbox';
  }
}
