/** What the expression editor can offer besides the fixed scope: names from the document. */
export interface CompletionContext {
  /** Node ids (for `steps.ID`). */
  nodeIds: readonly string[];
  /** Variables set by transform nodes (for `vars.NAME`). */
  varNames: readonly string[];
  /** Whether `item` / `index` exist (inside a forEach body, i.e. any workflow used by forEach). */
  inForEach?: boolean;
}

export interface CompletionItem {
  label: string;
  type: 'variable' | 'property' | 'function' | 'keyword';
  detail?: string;
  apply?: string;
}

export interface CompletionResult {
  from: number;
  options: CompletionItem[];
}

const SCOPE: CompletionItem[] = [
  { label: 'input', type: 'variable', detail: 'the run input' },
  { label: 'vars', type: 'variable', detail: 'values set by transform nodes' },
  { label: 'steps', type: 'variable', detail: 'steps.ID: output, error, attempts' },
  { label: 'item', type: 'variable', detail: 'current item (forEach body)' },
  { label: 'index', type: 'variable', detail: 'current index (forEach body)' },
  { label: 'attempt', type: 'variable', detail: 'attempt number, from 1' },
  { label: 'run', type: 'variable', detail: 'id, workflowId, version, startedAt' },
];

const STEP_FIELDS: CompletionItem[] = [
  { label: 'output', type: 'property', detail: 'the node’s output' },
  { label: 'error', type: 'property', detail: '{ message, code } when it failed' },
  { label: 'attempts', type: 'property', detail: 'attempts made' },
];

const RUN_FIELDS: CompletionItem[] = ['id', 'workflowId', 'version', 'startedAt'].map((label) => ({
  label,
  type: 'property',
}));
const ERROR_FIELDS: CompletionItem[] = ['message', 'code'].map((label) => ({ label, type: 'property' }));

/** JSONata's built-in functions, with their signatures. */
export const JSONATA_FUNCTIONS: readonly (readonly [string, string])[] = [
  ['$sum', '(array)'],
  ['$count', '(array)'],
  ['$max', '(array)'],
  ['$min', '(array)'],
  ['$average', '(array)'],
  ['$string', '(value, prettify?)'],
  ['$number', '(value)'],
  ['$boolean', '(value)'],
  ['$not', '(value)'],
  ['$exists', '(value)'],
  ['$length', '(string)'],
  ['$substring', '(string, start, length?)'],
  ['$substringBefore', '(string, chars)'],
  ['$substringAfter', '(string, chars)'],
  ['$uppercase', '(string)'],
  ['$lowercase', '(string)'],
  ['$trim', '(string)'],
  ['$pad', '(string, width, char?)'],
  ['$contains', '(string, pattern)'],
  ['$split', '(string, separator, limit?)'],
  ['$join', '(array, separator?)'],
  ['$match', '(string, pattern, limit?)'],
  ['$replace', '(string, pattern, replacement, limit?)'],
  ['$now', '()'],
  ['$millis', '()'],
  ['$fromMillis', '(number, picture?)'],
  ['$toMillis', '(timestamp, picture?)'],
  ['$abs', '(number)'],
  ['$floor', '(number)'],
  ['$ceil', '(number)'],
  ['$round', '(number, precision?)'],
  ['$power', '(base, exponent)'],
  ['$sqrt', '(number)'],
  ['$random', '()'],
  ['$formatNumber', '(number, picture)'],
  ['$append', '(array1, array2)'],
  ['$reverse', '(array)'],
  ['$sort', '(array, function?)'],
  ['$distinct', '(array)'],
  ['$shuffle', '(array)'],
  ['$zip', '(array1, …)'],
  ['$keys', '(object)'],
  ['$values', '(object)'],
  ['$lookup', '(object, key)'],
  ['$spread', '(object)'],
  ['$merge', '(array of objects)'],
  ['$each', '(object, function)'],
  ['$type', '(value)'],
  ['$map', '(array, function)'],
  ['$filter', '(array, function)'],
  ['$reduce', '(array, function, init?)'],
  ['$single', '(array, function?)'],
  ['$sift', '(object, function)'],
  ['$base64encode', '(string)'],
  ['$base64decode', '(string)'],
  ['$encodeUrl', '(string)'],
  ['$encodeUrlComponent', '(string)'],
  ['$decodeUrl', '(string)'],
  ['$decodeUrlComponent', '(string)'],
  ['$error', '(message)'],
  ['$assert', '(condition, message)'],
];

const FUNCTIONS: CompletionItem[] = JSONATA_FUNCTIONS.map(([label, signature]) => ({
  label,
  type: 'function',
  detail: signature,
  apply: `${label}(`,
}));

const KEYWORDS: CompletionItem[] = ['and', 'or', 'in', 'true', 'false', 'null'].map((label) => ({
  label,
  type: 'keyword',
}));

/**
 * Completions at `pos` of an expression (for templates pass only the text inside `{{ }}`,
 * see templateExpressionStart): scope names, `steps.<id>.output|error|attempts`, `vars.<name>`,
 * `run.<field>` and JSONata functions.
 */
export function completeExpression(
  text: string,
  pos: number,
  context: CompletionContext,
  explicit = false,
): CompletionResult | null {
  const before = text.slice(0, pos);
  const path = /((?:[A-Za-z_$][\w$-]*\.)*)([A-Za-z_$][\w$]*)?$/.exec(before);
  const word = path?.[2] ?? '';
  const chain = (path?.[1] ?? '').split('.').filter((part) => part !== '');
  const from = pos - word.length;
  if (/["'`]/.test(stringState(before))) return null;

  if (chain.length === 0) {
    if (word.startsWith('$')) return { from, options: FUNCTIONS };
    if (word === '' && !explicit) return null;
    return { from, options: [...SCOPE, ...FUNCTIONS, ...KEYWORDS] };
  }
  const [root, second, third] = chain;
  if (root === 'steps' && chain.length === 1)
    return { from, options: context.nodeIds.map((label) => ({ label, type: 'property', detail: 'node' })) };
  if (root === 'steps' && chain.length === 2 && second !== undefined) return { from, options: STEP_FIELDS };
  if (root === 'steps' && chain.length === 3 && third === 'error') return { from, options: ERROR_FIELDS };
  if (root === 'vars' && chain.length === 1)
    return { from, options: context.varNames.map((label) => ({ label, type: 'property', detail: 'variable' })) };
  if (root === 'run' && chain.length === 1) return { from, options: RUN_FIELDS };
  return null;
}

/** The open quote character at the end of `text`, if it ends inside a string literal. */
function stringState(text: string): string {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote !== '') {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
  }
  return quote;
}

/** Where the `{{ }}` part containing `pos` starts (just after `{{`), or -1 when `pos` is in plain text. */
export function templateExpressionStart(text: string, pos: number): number {
  const open = text.lastIndexOf('{{', pos);
  if (open === -1 || open + 2 > pos) return -1;
  const close = text.lastIndexOf('}}', pos - 1);
  if (close > open) return -1;
  return open + 2;
}
