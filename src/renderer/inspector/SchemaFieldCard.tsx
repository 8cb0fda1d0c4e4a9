import { useEffect, useState } from 'react';
import {
  enumerable,
  FIELD_TYPES,
  parseEnum,
  parseValue,
  valueText,
  withType,
  type FieldType,
  type Parsed,
  type SchemaField,
} from '../model/input-schema-fields.js';
import { Icon } from '../ui/Icon.js';
import { Field } from './Field.js';

const TYPE_LABELS: Record<FieldType, string> = {
  string: 'Text',
  number: 'Number',
  integer: 'Whole number',
  boolean: 'Yes / no',
  object: 'Object',
  array: 'List',
};

const problem = (message: string) => [{ severity: 'error' as const, code: 'BAD_FIELD', message }];

/**
 * A text box over a value: what is typed stays as typed, and goes to the document whenever it
 * reads as a value; an outside change of the value (undo) replaces the text.
 */
function useValueText(value: unknown, format: (v: unknown) => string, parse: (text: string) => Parsed) {
  const [text, setText] = useState(() => format(value));
  const shown = format(value);
  useEffect(() => {
    setText((current) => {
      const parsed = parse(current);
      return parsed.ok && format(parsed.value) === shown ? current : shown;
    });
    // Only a change of the value itself (shown) replaces the text; parse is read as of this render.
  }, [shown]);
  return [text, setText, parse(text)] as const;
}

const formatOptional = (value: unknown): string => (value === undefined ? '' : valueText(value));
const formatList = (values: unknown): string => (Array.isArray(values) ? values.map(valueText).join(', ') : '');

/** One input field: name, type, required, default and allowed values; other keywords are listed, kept. */
export function SchemaFieldCard({
  field,
  index,
  names,
  onChange,
  onRemove,
}: {
  field: SchemaField;
  index: number;
  /** The other fields' names, which this one may not take. */
  names: ReadonlySet<string>;
  onChange: (next: SchemaField, what: string) => void;
  onRemove: () => void;
}) {
  const id = `input-field-${index}`;
  const [name, setName] = useState(field.name);
  useEffect(() => setName(field.name), [field.name]);
  const nameError =
    name.trim() === '' ? 'a field needs a name' : names.has(name) ? `there is already a field ${name}` : undefined;
  const commitName = () => {
    if (nameError === undefined && name !== field.name) onChange({ ...field, name }, 'name');
  };

  const [defaultText, setDefaultText, parsedDefault] = useValueText(field.default, formatOptional, (text) =>
    parseValue(field.type, text),
  );
  const [enumText, setEnumText, parsedEnum] = useValueText(field.enum, formatList, (text) =>
    parseEnum(field.type, text),
  );
  const kept = Object.keys(field.rest);
  const customType = field.type === undefined && field.rest['type'] !== undefined;

  return (
    <div className="trigger-card schema-field" role="group" aria-label={`Input field ${field.name}`} data-testid={id}>
      <div className="schema-field-row">
        <Field id={`${id}-name`} label="Name" problems={nameError === undefined ? [] : problem(nameError)}>
          <input
            id={`${id}-name`}
            className="input input-mono"
            value={name}
            aria-invalid={nameError !== undefined}
            onChange={(e) => setName(e.target.value)}
            onBlur={commitName}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commitName();
            }}
          />
        </Field>
        <Field id={`${id}-type`} label="Type">
          <select
            id={`${id}-type`}
            className="select"
            value={field.type ?? ''}
            onChange={(e) => {
              const type = FIELD_TYPES.find((t) => t === e.target.value);
              onChange(withType(field, type), 'type');
            }}
          >
            <option value="">{customType ? 'As in JSON' : 'Any'}</option>
            {FIELD_TYPES.map((type) => (
              <option key={type} value={type}>
                {TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </Field>
        <button
          type="button"
          className="btn btn-ghost btn-sm btn-icon danger-hover schema-field-remove"
          aria-label={`Remove input field ${field.name}`}
          onClick={onRemove}
        >
          <Icon name="trash" size={13} />
        </button>
      </div>
      <label className="field-inline-label schema-field-required">
        <input
          type="checkbox"
          checked={field.required}
          onChange={(e) => onChange({ ...field, required: e.target.checked }, 'required')}
        />
        Required
      </label>
      <Field id={`${id}-default`} label="Default" problems={parsedDefault.ok ? [] : problem(parsedDefault.message)}>
        {field.type === 'boolean' ? (
          <select
            id={`${id}-default`}
            className="select"
            value={field.hasDefault ? String(field.default) : ''}
            onChange={(e) => {
              const value = e.target.value === '' ? undefined : e.target.value === 'true';
              onChange({ ...field, hasDefault: value !== undefined, default: value }, 'default');
            }}
          >
            <option value="">No default</option>
            <option value="true">Yes</option>
            <option value="false">No</option>
          </select>
        ) : (
          <input
            id={`${id}-default`}
            className={`input ${field.type === 'string' ? '' : 'input-mono'}`}
            value={defaultText}
            placeholder="No default"
            aria-invalid={!parsedDefault.ok}
            onChange={(e) => {
              setDefaultText(e.target.value);
              const parsed = parseValue(field.type, e.target.value);
              if (parsed.ok)
                onChange({ ...field, hasDefault: parsed.value !== undefined, default: parsed.value }, 'default');
            }}
          />
        )}
      </Field>
      {enumerable(field.type) && (
        <Field
          id={`${id}-enum`}
          label="Allowed values"
          hint="Comma-separated; empty allows any value."
          problems={parsedEnum.ok ? [] : problem(parsedEnum.message)}
        >
          <input
            id={`${id}-enum`}
            className="input"
            value={enumText}
            placeholder="Any value"
            aria-invalid={!parsedEnum.ok}
            onChange={(e) => {
              setEnumText(e.target.value);
              const parsed = parseEnum(field.type, e.target.value);
              if (parsed.ok)
                onChange({ ...field, enum: Array.isArray(parsed.value) ? parsed.value : undefined }, 'enum');
            }}
          />
        </Field>
      )}
      {kept.length > 0 && (
        <p className="field-hint schema-field-kept" data-testid={`${id}-kept`}>
          Also{' '}
          {kept.map((key) => (
            <code key={key}>{key}</code>
          ))}{' '}
          — kept as written (see the JSON Schema).
        </p>
      )}
    </div>
  );
}
