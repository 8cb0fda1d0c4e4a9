import { useMemo } from 'react';
import {
  freeFieldName,
  newField,
  schemaFields,
  schemaOf,
  withInputSchema,
  type SchemaField,
} from '../model/input-schema-fields.js';
import { JsonCode } from '../panels/JsonCode.js';
import { useDesigner, useStores } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';
import { SchemaFieldCard } from './SchemaFieldCard.js';
import './input-schema.css';

/** The workflow's `input` JSON Schema as a list of fields, with the schema itself below. */
export function InputSchemaSection() {
  const { designer } = useStores();
  const input = useDesigner((s) => s.doc?.input);
  const parts = useMemo(() => schemaFields(input), [input]);
  const { fields } = parts;
  const commit = (next: readonly SchemaField[], coalesceKey?: string): void =>
    designer.getState().edit((doc) => withInputSchema(doc, schemaOf({ ...parts, fields: next })), coalesceKey);
  const text = JSON.stringify(input ?? {}, null, 2);

  return (
    <section className="inspector-section" aria-labelledby="input-title" data-testid="input-schema-section">
      <h3 className="inspector-section-title" id="input-title">
        Input
      </h3>
      {!parts.editable ? (
        <p className="field-hint">
          This input schema is not an object with properties, so it has no fields to edit here; it is kept as written.
        </p>
      ) : (
        fields.length === 0 && (
          <p className="field-hint">
            Runs take any input. Add fields to say what a run needs; runs are checked against them.
          </p>
        )
      )}
      {fields.map((field, index) => (
        <SchemaFieldCard
          key={field.name}
          field={field}
          index={index}
          names={new Set(fields.filter((f) => f !== field).map((f) => f.name))}
          onChange={(next, what) =>
            commit(
              fields.map((f) => (f === field ? next : f)),
              what === 'name' ? undefined : `input:${field.name}:${what}`,
            )
          }
          onRemove={() => commit(fields.filter((f) => f !== field))}
        />
      ))}
      {parts.editable && (
        <div className="inspector-actions">
          <button
            type="button"
            className="btn btn-sm"
            data-testid="btn-add-input-field"
            onClick={() => commit([...fields, newField(freeFieldName(fields))])}
          >
            <Icon name="plus" size={13} /> Add field
          </button>
        </div>
      )}
      <details className="schema-json" open={!parts.editable}>
        <summary>JSON Schema</summary>
        <JsonCode text={text} className="schema-json-code" testId="input-schema-json" />
      </details>
    </section>
  );
}
