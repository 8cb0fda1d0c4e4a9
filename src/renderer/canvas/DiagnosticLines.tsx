import type { Diagnostics } from '../model/flow-types.js';

/** "2 errors, 1 warning": the spoken summary of a problem count. */
export function diagnosticsLabel({ errors, warnings }: Diagnostics): string {
  return [
    errors.length > 0 ? `${errors.length} error${errors.length === 1 ? '' : 's'}` : '',
    warnings.length > 0 ? `${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : '',
  ]
    .filter((s) => s !== '')
    .join(', ');
}

/** Every message, errors first, one line each. */
export function DiagnosticLines({ diagnostics }: { diagnostics: Diagnostics }) {
  return (
    <>
      {diagnostics.errors.map((message, i) => (
        <span key={`e${i}`} className="diag-line diag-line-error">
          {message}
        </span>
      ))}
      {diagnostics.warnings.map((message, i) => (
        <span key={`w${i}`} className="diag-line diag-line-warning">
          {message}
        </span>
      ))}
    </>
  );
}
