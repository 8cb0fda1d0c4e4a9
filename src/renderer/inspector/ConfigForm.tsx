import type { Problem } from '#engine';
import { VAR_NAME } from '#shared';
import type { ReactNode } from 'react';
import type { FieldSpec } from '../model/config-fields.js';
import { fieldPath, getIn, type PathKey } from '../model/node-values.js';
import { LazyCodeField } from '../editor/LazyCodeField.js';
import type { CompletionContext } from '../editor/expression-completions.js';
import { ExpressionPreview } from '../preview/ExpressionPreview.js';
import { Icon } from '../ui/Icon.js';
import { KeyValueRows, NumberInput, TagList } from './controls.js';
import { Field } from './Field.js';
import { FIELD_HINTS, PLACEHOLDERS } from './field-hints.js';

export interface FormContext {
  /** Prefix of every id in this form (unique per node). */
  idPrefix: string;
  /** The owner's problems; each field shows those on its path. */
  problems: readonly Problem[];
  set: (path: readonly PathKey[], value: unknown) => void;
  completionContext: () => CompletionContext;
  /** The node whose expressions are previewed (against the preview source around the form); none without it. */
  previewNode?: string;
}

/** Renders fields generated from a JSON Schema (see model/config-fields.ts) for the object at `base`. */
export function SchemaFields({
  fields,
  value,
  base,
  ctx,
}: {
  fields: readonly FieldSpec[];
  value: unknown;
  base: readonly PathKey[];
  ctx: FormContext;
}) {
  return (
    <>
      {fields.map((field) => (
        <SchemaField
          key={field.key}
          field={field}
          value={getIn(value, [field.key])}
          path={[...base, field.key]}
          ctx={ctx}
        />
      ))}
    </>
  );
}

function problemsAt(ctx: FormContext, path: readonly PathKey[]): Problem[] {
  const at = fieldPath(path);
  return ctx.problems.filter(
    (p) => p.field !== undefined && (p.field === at || p.field.startsWith(`${at}.`) || p.field.startsWith(`${at}[`)),
  );
}

function SchemaField({
  field,
  value,
  path,
  ctx,
}: {
  field: FieldSpec;
  value: unknown;
  path: readonly PathKey[];
  ctx: FormContext;
}) {
  const id = `${ctx.idPrefix}-${fieldPath(path).replace(/[^\w-]/g, '_')}`;
  const problems = problemsAt(ctx, path);
  const invalid = problems.some((p) => p.severity === 'error');
  // Repeated sub-forms (switch cases) would repeat the same help under every item.
  const hint: ReactNode = path.some((key) => typeof key === 'number') ? undefined : FIELD_HINTS[field.key];
  const placeholder = PLACEHOLDERS[field.key];
  const set = (next: unknown): void => ctx.set(path, next);
  const wrap = (control: ReactNode, extra: Partial<{ inline: boolean; action: ReactNode }> = {}) => (
    <Field id={id} label={field.label} required={field.required} hint={hint} problems={problems} {...extra}>
      {control}
    </Field>
  );

  switch (field.type) {
    case 'text': {
      const text = typeof value === 'string' ? value : '';
      const clear = (next: string): void => set(next === '' && !field.required ? undefined : next);
      if (field.syntax === 'plain') {
        return wrap(
          <input
            id={id}
            className={`input ${field.pattern !== undefined ? 'input-mono' : ''}`}
            value={text}
            placeholder={placeholder}
            aria-invalid={invalid}
            onChange={(e) => clear(e.target.value)}
          />,
        );
      }
      return wrap(
        <>
          <LazyCodeField
            value={text}
            syntax={field.syntax}
            multiline={field.syntax === 'code' || field.key === 'output' || field.key === 'body'}
            labelledBy={`${id}-label`}
            invalid={invalid}
            onChange={clear}
            completionContext={ctx.completionContext}
            testId={id}
            {...(placeholder === undefined ? {} : { placeholder })}
          />
          {ctx.previewNode !== undefined && field.syntax !== 'code' && (
            <ExpressionPreview node={ctx.previewNode} text={text} syntax={field.syntax} />
          )}
        </>,
        { action: <SyntaxTag syntax={field.syntax} /> },
      );
    }
    case 'number':
      return wrap(
        <NumberInput
          id={id}
          value={typeof value === 'number' ? value : undefined}
          integer={field.integer}
          invalid={invalid}
          onChange={set}
          {...(field.min === undefined ? {} : { min: field.min })}
          {...(placeholder === undefined ? {} : { placeholder })}
        />,
      );
    case 'enum':
      return wrap(
        <select
          id={id}
          className="select"
          value={typeof value === 'string' ? value : ''}
          aria-invalid={invalid}
          onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
        >
          {!field.required && <option value="">Default</option>}
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>,
      );
    case 'boolean':
      return wrap(
        <input
          id={id}
          type="checkbox"
          className="checkbox"
          checked={value === true}
          onChange={(e) => set(e.target.checked ? true : undefined)}
        />,
        { inline: true },
      );
    case 'tags': {
      const values = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
      return wrap(
        <TagList
          id={id}
          values={values}
          invalid={invalid}
          onChange={(next) => set(next.length === 0 && !field.required ? undefined : next)}
          {...(field.pattern === undefined ? {} : { pattern: field.pattern })}
          {...(placeholder === undefined ? {} : { placeholder })}
        />,
      );
    }
    case 'statusList': {
      const list =
        typeof value === 'number'
          ? [value]
          : Array.isArray(value)
            ? value.filter((v): v is number => typeof v === 'number')
            : [];
      return wrap(
        <input
          id={id}
          className="input input-mono"
          defaultValue={list.join(', ')}
          key={list.join(',')}
          placeholder="200–299 when empty"
          aria-invalid={invalid}
          onBlur={(e) => {
            const numbers = e.target.value
              .split(/[\s,]+/)
              .filter((s) => s !== '')
              .map(Number)
              .filter((n) => Number.isInteger(n));
            set(numbers.length === 0 ? undefined : numbers.length === 1 ? numbers[0] : numbers);
          }}
        />,
      );
    }
    case 'numberOrExpression': {
      const asExpression = typeof value === 'string';
      return wrap(
        asExpression ? (
          <>
            <LazyCodeField
              value={value}
              syntax="expression"
              labelledBy={`${id}-label`}
              invalid={invalid}
              onChange={(next) => set(next)}
              completionContext={ctx.completionContext}
              testId={id}
            />
            {ctx.previewNode !== undefined && (
              <ExpressionPreview node={ctx.previewNode} text={value} syntax="expression" />
            )}
          </>
        ) : (
          <NumberInput
            id={id}
            value={typeof value === 'number' ? value : undefined}
            invalid={invalid}
            onChange={set}
            {...(field.min === undefined ? {} : { min: field.min })}
            {...(placeholder === undefined ? {} : { placeholder })}
          />
        ),
        {
          action: (
            <div className="segmented" role="group" aria-label={`${field.label} as`}>
              <button
                type="button"
                aria-pressed={!asExpression}
                onClick={() => asExpression && set(Number(value) >= 0 ? Number(value) : 1000)}
              >
                Number
              </button>
              <button
                type="button"
                aria-pressed={asExpression}
                onClick={() => !asExpression && set(typeof value === 'number' ? String(value) : 'input.ms')}
              >
                Expression
              </button>
            </div>
          ),
        },
      );
    }
    case 'record': {
      const { previewNode } = ctx;
      const { syntax } = field;
      const record: Record<string, string> = {};
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value)) if (typeof v === 'string') record[k] = v;
      }
      return wrap(
        <KeyValueRows
          id={id}
          value={record}
          syntax={field.syntax}
          keyPlaceholder={field.key === 'headers' ? 'Header' : 'variable'}
          addLabel={field.key === 'headers' ? 'Add header' : isVariableRecord(field) ? 'Add variable' : 'Add entry'}
          completionContext={ctx.completionContext}
          onChange={set}
          {...(field.keyPattern === undefined ? {} : { keyPattern: field.keyPattern })}
          {...(previewNode === undefined || (syntax !== 'expression' && syntax !== 'template')
            ? {}
            : {
                renderPreview: (text: string) => <ExpressionPreview node={previewNode} text={text} syntax={syntax} />,
              })}
        />,
      );
    }
    case 'objectList': {
      const items: readonly unknown[] = isList(value) ? value : [];
      const newItem = (): Record<string, string> => ({ port: `case${items.length + 1}`, when: 'true' });
      return (
        <div className="field" data-field={id}>
          <div className="field-label-row">
            <span className="field-label" id={`${id}-label`}>
              {field.label}
              {field.required && <span className="field-required">*</span>}
            </span>
          </div>
          <ol className="object-list" aria-labelledby={`${id}-label`}>
            {items.map((item, i) => (
              <li key={i} className="object-item">
                <div className="object-item-head">
                  <span className="object-item-index">{i + 1}</span>
                  <span className="object-item-title">
                    {typeof getIn(item, ['port']) === 'string' ? String(getIn(item, ['port'])) : `Item ${i + 1}`}
                  </span>
                  <button
                    type="button"
                    className="btn btn-ghost btn-sm btn-icon danger-hover"
                    aria-label={`Remove ${field.label.toLowerCase()} ${i + 1}`}
                    disabled={items.length <= field.minItems}
                    onClick={() => set(items.filter((_, j) => j !== i))}
                  >
                    <Icon name="trash" size={13} />
                  </button>
                </div>
                <SchemaFields fields={field.item} value={item} base={[...path, i]} ctx={ctx} />
              </li>
            ))}
          </ol>
          <button type="button" className="btn btn-sm add-row" onClick={() => set([...items, newItem()])}>
            <Icon name="plus" size={13} /> Add {field.key === 'cases' ? 'case' : 'item'}
          </button>
          {problems
            .filter((p) => p.field === fieldPath(path))
            .map((p, i) => (
              <div key={i} className={`field-problem sev-${p.severity}`}>
                {p.message.replace(`${fieldPath(path)}: `, '')}
              </div>
            ))}
        </div>
      );
    }
  }
}

function SyntaxTag({ syntax }: { syntax: string }) {
  const text = syntax === 'expression' ? 'JSONata' : syntax === 'template' ? 'Template {{ }}' : 'JavaScript';
  return <span className={`syntax-tag syntax-tag-${syntax}`}>{text}</span>;
}

/** A record keyed by variable names (transform's `assign`, set's `vars`). */
function isVariableRecord(field: Extract<FieldSpec, { type: 'record' }>): boolean {
  return field.keyPattern === VAR_NAME.source;
}

function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}
