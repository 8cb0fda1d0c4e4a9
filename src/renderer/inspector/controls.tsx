import { useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { FieldSyntax } from '../model/field-syntax.js';
import { LazyCodeField } from '../editor/LazyCodeField.js';
import type { CompletionContext } from '../editor/expression-completions.js';
import { Icon } from '../ui/Icon.js';

/** A number box that lets people type freely ("1.", "-") and reports only numbers (or undefined when cleared). */
export function NumberInput({
  id,
  value,
  onChange,
  integer = false,
  min,
  placeholder,
  invalid = false,
}: {
  id: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  integer?: boolean;
  min?: number;
  placeholder?: string;
  invalid?: boolean;
}) {
  const [draft, setDraft] = useState(value === undefined ? '' : String(value));
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setDraft(value === undefined ? '' : String(value));
  }, [value, focused]);
  const parsed = draft.trim() === '' ? undefined : Number(draft);
  const bad =
    parsed !== undefined &&
    (!Number.isFinite(parsed) || (integer && !Number.isInteger(parsed)) || (min !== undefined && parsed < min));
  return (
    <input
      id={id}
      className="input input-mono"
      inputMode={integer ? 'numeric' : 'decimal'}
      value={draft}
      placeholder={placeholder}
      aria-invalid={invalid || bad}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onChange={(event) => {
        const text = event.target.value;
        setDraft(text);
        const next = text.trim() === '' ? undefined : Number(text);
        if (next === undefined || Number.isFinite(next)) onChange(next);
      }}
    />
  );
}

/** A list of short strings (approvers, events) as removable chips plus an input; Enter or comma adds. */
export function TagList({
  id,
  values,
  onChange,
  pattern,
  placeholder,
  invalid = false,
}: {
  id: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
  pattern?: string;
  placeholder?: string;
  invalid?: boolean;
}) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | undefined>();
  const add = (): void => {
    const value = draft.trim();
    if (value === '') return;
    if (pattern !== undefined && !new RegExp(pattern).test(value)) {
      setError(`“${value}” is not allowed here (letters, digits, _ . - and starting with a letter)`);
      return;
    }
    if (values.includes(value)) {
      setError(`“${value}” is already in the list`);
      return;
    }
    onChange([...values, value]);
    setDraft('');
    setError(undefined);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && draft === '' && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };
  return (
    <div className={`tag-list ${invalid ? 'is-invalid' : ''}`}>
      {values.map((value, i) => (
        <span key={`${value}:${i}`} className="tag">
          {value}
          <button
            type="button"
            className="tag-remove"
            aria-label={`Remove ${value}`}
            onClick={() => onChange(values.filter((_, j) => j !== i))}
          >
            <Icon name="close" size={11} />
          </button>
        </span>
      ))}
      <input
        id={id}
        className="tag-input"
        value={draft}
        placeholder={values.length === 0 ? (placeholder ?? 'Type and press Enter') : 'Add…'}
        onChange={(event) => {
          setDraft(event.target.value);
          setError(undefined);
        }}
        onKeyDown={onKeyDown}
        onBlur={add}
      />
      {error !== undefined && <span className="tag-error">{error}</span>}
    </div>
  );
}

/** Key/value rows for records (HTTP headers, transform assignments); values may be templates or expressions. */
export function KeyValueRows({
  id,
  value,
  onChange,
  syntax,
  keyPattern,
  keyPlaceholder,
  addLabel,
  completionContext,
  renderPreview,
}: {
  id: string;
  value: Readonly<Record<string, string>>;
  onChange: (value: Record<string, string> | undefined) => void;
  syntax: FieldSyntax | 'plain';
  keyPattern?: string;
  keyPlaceholder: string;
  addLabel: string;
  completionContext?: () => CompletionContext;
  /** Shown under each value (an expression preview). */
  renderPreview?: (text: string) => ReactNode;
}) {
  const entries = Object.entries(value);
  const emit = (next: [string, string][]): void => onChange(next.length === 0 ? undefined : Object.fromEntries(next));
  const rename = (i: number, key: string): void =>
    emit(entries.map((entry, j): [string, string] => (j === i ? [key, entry[1]] : entry)));
  const setValue = (i: number, text: string): void =>
    emit(entries.map((entry, j): [string, string] => (j === i ? [entry[0], text] : entry)));
  const freeKey = (): string => {
    const stem = keyPattern !== undefined ? 'name' : 'X-Header';
    for (let n = 1; ; n++) {
      const key = n === 1 ? stem : `${stem}${n}`;
      if (!(key in value)) return key;
    }
  };
  return (
    <div className="kv-rows" id={id}>
      {entries.map(([key, text], i) => (
        <div key={i} className="kv-row">
          <KeyInput
            value={key}
            pattern={keyPattern}
            placeholder={keyPlaceholder}
            taken={entries.filter((_, j) => j !== i).map(([k]) => k)}
            onCommit={(next) => rename(i, next)}
          />
          <div className="kv-value">
            {syntax === 'plain' ? (
              <input
                className="input"
                value={text}
                aria-label={`Value of ${key}`}
                onChange={(event) => setValue(i, event.target.value)}
              />
            ) : (
              <LazyCodeField
                value={text}
                syntax={syntax}
                ariaLabel={`Value of ${key}`}
                onChange={(next) => setValue(i, next)}
                {...(completionContext === undefined ? {} : { completionContext })}
              />
            )}
            {renderPreview?.(text)}
          </div>
          <button
            type="button"
            className="btn btn-ghost btn-sm btn-icon danger-hover"
            aria-label={`Remove ${key}`}
            onClick={() => emit(entries.filter((_, j) => j !== i))}
          >
            <Icon name="trash" size={13} />
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn btn-sm add-row"
        onClick={() => emit([...entries, [freeKey(), syntax === 'expression' ? 'input' : '']])}
      >
        <Icon name="plus" size={13} /> {addLabel}
      </button>
    </div>
  );
}

/** A record key: edited locally, committed on blur/Enter when valid and not taken. */
function KeyInput({
  value,
  pattern,
  placeholder,
  taken,
  onCommit,
}: {
  value: string;
  pattern: string | undefined;
  placeholder: string;
  taken: readonly string[];
  onCommit: (key: string) => void;
}) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const trimmed = draft.trim();
  const error =
    trimmed === ''
      ? 'required'
      : pattern !== undefined && !new RegExp(pattern).test(trimmed)
        ? 'not a valid name'
        : taken.includes(trimmed)
          ? 'already used'
          : undefined;
  const commit = (): void => {
    if (error === undefined && trimmed !== value) onCommit(trimmed);
    else if (error !== undefined) setDraft(value);
  };
  return (
    <input
      className="input input-mono kv-key"
      value={draft}
      placeholder={placeholder}
      aria-label="Name"
      aria-invalid={error !== undefined}
      title={error}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
      }}
    />
  );
}

/** A choice among fixed strings; with `defaultLabel`, an empty first option stands for "leave it out" (undefined). */
export function OptionSelect<T extends string>({
  id,
  value,
  options,
  onChange,
  defaultLabel,
}: {
  id: string;
  value: T | undefined;
  options: readonly T[];
  onChange: (value: T | undefined) => void;
  defaultLabel?: string;
}) {
  return (
    <select
      id={id}
      className="select"
      value={value ?? ''}
      onChange={(event) => onChange(options.find((option) => option === event.target.value))}
    >
      {defaultLabel !== undefined && <option value="">{defaultLabel}</option>}
      {options.map((option) => (
        <option key={option} value={option}>
          {option}
        </option>
      ))}
    </select>
  );
}
