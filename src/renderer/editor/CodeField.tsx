import {
  autocompletion,
  type Completion,
  type CompletionContext as CmCompletionContext,
  type CompletionResult as CmCompletionResult,
} from '@codemirror/autocomplete';
import { linter, type Diagnostic } from '@codemirror/lint';
import { Annotation, EditorState, type Extension } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  keymap,
  MatchDecorator,
  placeholder as placeholderExt,
  ViewPlugin,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';
import { memo, useEffect, useRef } from 'react';
import type { FieldSyntax } from '../model/field-syntax.js';
import { completeExpression, templateExpressionStart, type CompletionContext } from './expression-completions.js';
import { syntaxDiagnostics } from './expression-lint.js';
import './code-field.css';

export interface CodeFieldProps {
  value: string;
  onChange: (value: string) => void;
  syntax: FieldSyntax;
  multiline?: boolean;
  /** id of the visible label element */
  labelledBy?: string;
  ariaLabel?: string;
  placeholder?: string;
  invalid?: boolean;
  /** Names from the document for completion, read when completion runs. */
  completionContext?: () => CompletionContext;
  testId?: string;
}

/** Marks updates that come from the `value` prop, so they are not reported back as edits. */
const FromProps = Annotation.define<boolean>();

const EXPRESSION_TOKENS = new MatchDecorator({
  regexp:
    /("(?:\\.|[^"\\])*"?|'(?:\\.|[^'\\])*'?)|(\$[A-Za-z_]\w*)|\b(\d+(?:\.\d+)?)\b|\b(and|or|in|true|false|null)\b|\b(input|vars|steps|item|index|attempt|run)\b/g,
  decoration: (match) => {
    const cls =
      match[1] !== undefined
        ? 'cm-x-string'
        : match[2] !== undefined
          ? 'cm-x-fn'
          : match[3] !== undefined
            ? 'cm-x-number'
            : match[4] !== undefined
              ? 'cm-x-keyword'
              : 'cm-x-scope';
    return Decoration.mark({ class: cls });
  },
});

const TEMPLATE_PARTS = new MatchDecorator({
  regexp: /\{\{[\s\S]*?(\}\}|$)/g,
  decoration: Decoration.mark({ class: 'cm-x-template-part' }),
});

function highlighter(decorator: MatchDecorator): Extension {
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = decorator.createDeco(view);
      }
      update(update: ViewUpdate) {
        this.decorations = decorator.updateDeco(update, this.decorations);
      }
    },
    { decorations: (plugin) => plugin.decorations },
  );
}

const singleLine: Extension = [
  EditorState.transactionFilter.of((tr) => {
    if (!tr.docChanged || tr.newDoc.lines === 1) return tr;
    const text = tr.newDoc.toString().replace(/\r?\n/g, ' ');
    return [tr, { changes: { from: 0, to: tr.newDoc.length, insert: text }, sequential: true }];
  }),
  keymap.of([{ key: 'Enter', run: () => true }]),
];

/**
 * A CodeMirror 6 field for JSONata expressions, `{{ }}` templates and script code: syntax
 * colouring, the engine's syntax check as an underlined lint (with its message on hover),
 * and completion of the run scope, node ids and JSONata functions.
 */
export const CodeField = memo(function CodeField(props: CodeFieldProps) {
  const { value, syntax, multiline = false, labelledBy, ariaLabel, placeholder, invalid = false, testId } = props;
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    if (host.current === null) return;
    const source = (context: CmCompletionContext): CmCompletionResult | null => {
      const text = context.state.doc.toString();
      let offset = 0;
      let expression = text;
      if (syntax === 'template') {
        const start = templateExpressionStart(text, context.pos);
        if (start === -1) return null;
        const close = text.indexOf('}}', start);
        offset = start;
        expression = text.slice(start, close === -1 ? text.length : close);
      }
      const names = latest.current.completionContext?.() ?? { nodeIds: [], varNames: [] };
      const result = completeExpression(expression, context.pos - offset, names, context.explicit);
      if (result === null) return null;
      const options: Completion[] = result.options.map((o) => ({
        label: o.label,
        type: o.type,
        ...(o.detail === undefined ? {} : { detail: o.detail }),
        ...(o.apply === undefined ? {} : { apply: o.apply }),
      }));
      return { from: result.from + offset, options, validFor: /^[\w$]*$/ };
    };
    const lint = (v: EditorView): Diagnostic[] =>
      syntaxDiagnostics(v.state.doc.toString(), syntax).map((d) => ({ ...d, severity: 'error' }));
    const extensions: Extension[] = [
      EditorView.updateListener.of((update) => {
        if (!update.docChanged || update.transactions.some((tr) => tr.annotation(FromProps) === true)) return;
        latest.current.onChange(update.state.doc.toString());
      }),
      EditorView.contentAttributes.of({
        ...(labelledBy === undefined ? {} : { 'aria-labelledby': labelledBy }),
        ...(ariaLabel === undefined ? {} : { 'aria-label': ariaLabel }),
        'aria-multiline': String(multiline),
        spellcheck: 'false',
        autocorrect: 'off',
        autocapitalize: 'off',
      }),
      EditorView.lineWrapping,
      multiline ? [] : singleLine,
      placeholder === undefined ? [] : placeholderExt(placeholder),
    ];
    if (syntax !== 'code') {
      extensions.push(
        linter(lint, { delay: 200 }),
        autocompletion({ override: [source], icons: true, closeOnBlur: true }),
      );
      extensions.push(highlighter(syntax === 'template' ? TEMPLATE_PARTS : EXPRESSION_TOKENS));
    } else {
      extensions.push(highlighter(EXPRESSION_TOKENS));
    }
    const created = new EditorView({
      parent: host.current,
      state: EditorState.create({ doc: latest.current.value, extensions }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, [syntax, multiline, labelledBy, ariaLabel, placeholder]);

  // Undo/redo and other outside edits: show the new value without reporting it back.
  useEffect(() => {
    const current = view.current;
    if (current === null) return;
    const text = current.state.doc.toString();
    if (text === value) return;
    current.dispatch({ changes: { from: 0, to: text.length, insert: value }, annotations: FromProps.of(true) });
  }, [value]);

  return (
    <div
      ref={host}
      className={`code-field syntax-${syntax} ${multiline ? 'is-multiline' : 'is-single'} ${invalid ? 'is-invalid' : ''}`}
      data-testid={testId}
    />
  );
});
