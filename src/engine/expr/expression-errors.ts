import { EVALUATION_DEPTH_LIMIT, EVALUATION_TIME_LIMIT_MS } from './expression-limits.js';

/** Where an expression sits in the text a person wrote: quoted in messages, positions shifted by `offset`. */
export interface ExprSite {
  quoted: string;
  offset: number;
}

interface JsonataErrorShape {
  code?: string;
  position?: number;
  token?: string;
  message: string;
}

const MAX_QUOTED_LENGTH = 200;

export function siteOf(source: string): ExprSite {
  return { quoted: source, offset: 0 };
}

export function describeSyntaxError(err: unknown, site: ExprSite): { message: string; position?: number } {
  const info = readError(err);
  const detail = info.message.startsWith('Syntax error: ')
    ? `unexpected token ${JSON.stringify(info.token ?? info.message.slice('Syntax error: '.length))}`
    : lowerFirst(info.message);
  if (info.position === undefined) {
    return { message: `syntax error: ${detail} in ${quote(site.quoted)}` };
  }
  const position = site.offset + info.position;
  return { message: `syntax error at position ${position}: ${detail} in ${quote(site.quoted)}`, position };
}

export function describeEvaluationError(err: unknown, site: ExprSite): string {
  const info = readError(err);
  const at = info.position === undefined ? '' : ` at position ${site.offset + info.position}`;
  return `evaluation failed: ${evaluationDetail(info)}${at} in ${quote(site.quoted)}`;
}

export function describeBadResult(reason: string, site: ExprSite): string {
  return `evaluation failed: ${reason} in ${quote(site.quoted)}`;
}

function evaluationDetail(info: JsonataErrorShape): string {
  switch (info.code) {
    case 'D1012':
      return `the expression ran longer than ${EVALUATION_TIME_LIMIT_MS} ms (an endless loop or recursion?)`;
    case 'D1011':
      return `the expression nested deeper than ${EVALUATION_DEPTH_LIMIT} levels (runaway recursion?)`;
    default:
      return info.message;
  }
}

// JSONata throws plain objects ({ code, position, token, message }), not Error instances.
function readError(err: unknown): JsonataErrorShape {
  if (typeof err !== 'object' || err === null) return { message: String(err) };
  const message: unknown = Reflect.get(err, 'message');
  const code: unknown = Reflect.get(err, 'code');
  const position: unknown = Reflect.get(err, 'position');
  const token: unknown = Reflect.get(err, 'token');
  return {
    message: typeof message === 'string' && message !== '' ? message : jsonOrPlaceholder(err),
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof position === 'number' ? { position } : {}),
    ...(typeof token === 'string' ? { token } : {}),
  };
}

function jsonOrPlaceholder(value: object): string {
  try {
    return JSON.stringify(value) ?? 'an unknown error';
  } catch {
    return 'an unknown error';
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function quote(text: string): string {
  const shown = text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH - 3)}...` : text;
  return JSON.stringify(shown);
}
