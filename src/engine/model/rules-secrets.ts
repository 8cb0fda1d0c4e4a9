import type { Problem } from './problem.js';
import type { WorkflowGraph } from './workflow-graph.js';

/** Header and query parameter names that carry credentials. */
const CREDENTIAL_NAME =
  /^(authorization|proxy-authorization|cookie|x-api-key|api[-_]?key|.*(token|secret|password|passwd).*)$/i;
/** A value that takes its credential from a secret rather than the file. */
const USES_SECRET = /secret\.[A-Z]|\$secret\(/;

/**
 * Warns about credentials written into the file: a literal `Authorization` header or a `token=`
 * query parameter ends up in every run's history and every exported bundle, where a
 * `{{ secret.NAME }}` reference never does (its value is redacted).
 */
export function checkLiteralSecrets(graph: WorkflowGraph): Problem[] {
  const problems: Problem[] = [];
  const warn = (node: string, field: string, what: string) =>
    problems.push({
      severity: 'warning',
      code: 'LITERAL_SECRET',
      node,
      field,
      message: `${field}: ${what} looks like a credential written into the file; use {{ secret.NAME }} so that its value is never recorded`,
    });
  for (const node of graph.doc.nodes) {
    if (node.kind !== 'http') continue;
    for (const [name, value] of Object.entries(node.config.headers ?? {})) {
      if (CREDENTIAL_NAME.test(name) && value.trim() !== '' && !USES_SECRET.test(value))
        warn(node.id, `config.headers.${name}`, `the ${name} header`);
    }
    const query = node.config.url.split('?')[1]?.split('#')[0] ?? '';
    for (const pair of query.split('&')) {
      const [name = '', value = ''] = pair.split('=');
      if (CREDENTIAL_NAME.test(name) && value !== '' && !USES_SECRET.test(value))
        warn(node.id, 'config.url', `the ${name} query parameter`);
    }
  }
  return problems;
}
