import { useEffect, useState } from 'react';
import { evaluatePreview, type PreviewResult, type PreviewSyntax } from './evaluate-preview.js';
import type { PreviewScope, ScopeSourceState } from './scope-source.js';

/** What a preview line shows. */
export type PreviewState =
  /** Nothing to evaluate (an empty field). */
  | { status: 'empty' }
  /** Nothing to evaluate against: `message` says why ("no run yet", "loading the latest run"). */
  | { status: 'unavailable'; message: string; loading?: boolean }
  | { status: 'evaluating'; scope: PreviewScope; label: string }
  | { status: 'done'; result: PreviewResult; scope: PreviewScope; label: string };

/** Typing pauses this long before the value is worked out again. */
export const PREVIEW_DELAY_MS = 120;

/**
 * The value of `text` (an expression or a template) for `node`, against whatever `source`
 * holds: the latest run, or any other ScopeSource (pinned sample data). Re-evaluated shortly
 * after each change of the text or the source; a result that is overtaken is dropped.
 */
export function useExpressionPreview(
  text: string,
  syntax: PreviewSyntax,
  node: string,
  source: ScopeSourceState,
): PreviewState {
  const [state, setState] = useState<PreviewState>({ status: 'empty' });
  useEffect(() => {
    if (text.trim() === '') {
      setState({ status: 'empty' });
      return;
    }
    if (source.status === 'loading') {
      setState({ status: 'unavailable', message: 'loading the latest run…', loading: true });
      return;
    }
    if (source.status !== 'ready') {
      setState({ status: 'unavailable', message: source.message });
      return;
    }
    let current = true;
    const scope = source.source.scopeFor(node);
    const label = source.source.label;
    setState((previous) =>
      previous.status === 'done' ? { ...previous, scope, label } : { status: 'evaluating', scope, label },
    );
    const timer = setTimeout(() => {
      void evaluatePreview(text, syntax, scope.scope).then((result) => {
        if (current) setState({ status: 'done', result, scope, label });
      });
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, syntax, node, source]);
  return state;
}
