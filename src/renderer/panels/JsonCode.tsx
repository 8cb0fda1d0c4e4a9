import { useMemo } from 'react';
import { tokenizeJson } from './json-tokens.js';
import './json-code.css';

/** Past this size the text is shown plain: colouring it would cost more than it helps. */
const HIGHLIGHT_LIMIT = 200_000;

/** Formatted JSON in a `<pre>`, coloured by token kind. */
export function JsonCode({ text, className, testId }: { text: string; className?: string; testId?: string }) {
  const tokens = useMemo(() => (text.length > 0 && text.length < HIGHLIGHT_LIMIT ? tokenizeJson(text) : null), [text]);
  return (
    <pre className={className} data-testid={testId} tabIndex={0}>
      {tokens === null
        ? text
        : tokens.map((token, i) =>
            token.kind === 'space' || token.kind === 'punct' ? (
              token.text
            ) : (
              <span key={i} className={`json-${token.kind}`}>
                {token.text}
              </span>
            ),
          )}
    </pre>
  );
}
