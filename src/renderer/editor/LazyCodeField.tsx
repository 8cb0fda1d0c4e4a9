import { lazy, Suspense } from 'react';
import type { CodeFieldProps } from './CodeField.js';

// CodeMirror is a third of the bundle and no field shows before a node is selected:
// it loads after the first paint (preloadCodeField), not before it.
const loadCodeField = () => import('./CodeField.js');
const CodeField = lazy(async () => ({ default: (await loadCodeField()).CodeField }));

/** Fetches the editor in the background, so that it is there when a field first shows. */
export function preloadCodeField(): void {
  void loadCodeField();
}

/** The expression/template/code editor; shows the plain text for the moment it takes to load. */
export function LazyCodeField(props: CodeFieldProps) {
  const { syntax, multiline = false, value } = props;
  return (
    <Suspense
      fallback={
        <div className={`code-field syntax-${syntax} ${multiline ? 'is-multiline' : 'is-single'}`} aria-busy="true">
          <div className="code-field-pending">{value}</div>
        </div>
      }
    >
      <CodeField {...props} />
    </Suspense>
  );
}
