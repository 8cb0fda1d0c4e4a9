import { memo, useState } from 'react';
import { Icon } from '../ui/Icon.js';
import { previewText, type PreviewSyntax } from './evaluate-preview.js';
import { usePreviewSource } from './PreviewSource.js';
import { useExpressionPreview } from './useExpressionPreview.js';
import './expression-preview.css';

/** Longer previews are cut on their line; a click shows them whole. */
const INLINE_CHARS = 160;

/** The field shows the expression already: its error need not quote it again. */
function withoutQuote(message: string): string {
  return message.replace(/ in "[\s\S]*"$/, '');
}

/** `syntax error at position 19` of the engine's message: the field's own problem line has the rest. */
function syntaxHeadline(message: string): string {
  const colon = message.indexOf(': ');
  return colon === -1 ? withoutQuote(message) : message.slice(0, colon);
}

/**
 * The value an expression or template field would have for `node`, worked out in the page
 * as one types, against the preview source around it (the workflow's latest run, by
 * default). A bad expression shows its error; secrets show as `***`.
 */
export const ExpressionPreview = memo(function ExpressionPreview({
  node,
  text,
  syntax,
}: {
  node: string;
  text: string;
  syntax: PreviewSyntax;
}) {
  const source = usePreviewSource();
  const state = useExpressionPreview(text, syntax, node, source);
  const [open, setOpen] = useState(false);
  if (state.status === 'empty') return null;
  if (state.status === 'unavailable')
    return (
      <div className="expr-preview is-unavailable" data-testid="expression-preview" data-status="unavailable">
        <Icon name="sparkle" size={12} />
        <span>Preview: {state.message}</span>
      </div>
    );
  const { scope, label } = state;
  const title = `Previewed against ${scope.origin}`;
  if (state.status === 'evaluating')
    return (
      <div className="expr-preview is-pending" data-testid="expression-preview" data-status="evaluating" title={title}>
        <Icon name="sparkle" size={12} />
        <span>…</span>
      </div>
    );
  const { result } = state;
  if (!result.ok)
    return (
      <div className="expr-preview is-error" data-testid="expression-preview" data-status="error" title={title}>
        <Icon name="error" size={12} />
        <span className="expr-preview-error" data-testid="preview-error" role="status">
          {result.kind === 'syntax'
            ? `Cannot preview: ${syntaxHeadline(result.message)}`
            : withoutQuote(result.message)}
        </span>
      </div>
    );
  const shown = previewText(result.value, syntax);
  const long = shown.length > INLINE_CHARS;
  const full = long && open ? JSON.stringify(result.value, null, 2) : undefined;
  return (
    <div className="expr-preview is-ok" data-testid="expression-preview" data-status="ok" title={title}>
      <div className="expr-preview-line">
        <span className="expr-preview-eq" aria-label="Preview">
          =
        </span>
        <button
          type="button"
          className={`expr-preview-value syntax-${syntax} ${long ? 'is-long' : ''}`}
          data-testid="preview-value"
          aria-expanded={long ? open : undefined}
          disabled={!long}
          onClick={() => setOpen(!open)}
        >
          {long && !open ? `${shown.slice(0, INLINE_CHARS - 1)}…` : full === undefined ? shown : ''}
        </button>
        <span className="expr-preview-source">{label}</span>
      </div>
      {full !== undefined && <pre className="expr-preview-full">{full}</pre>}
      {result.secrets.length > 0 && (
        <div className="expr-preview-secret" data-testid="preview-secret">
          <Icon name="key" size={12} />
          {result.secrets.map((name) => `secret.${name}`).join(', ')}: secret, resolved at run time (shown as ***)
        </div>
      )}
      {scope.note !== undefined && (
        <div className="expr-preview-note">
          {scope.note}; previewed against {scope.origin}
        </div>
      )}
    </div>
  );
});
