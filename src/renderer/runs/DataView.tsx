import { memo, useMemo, useState } from 'react';
import { cellText, tablesIn, type DataTable } from '../run-model/data-tables.js';
import { JsonCode } from '../panels/JsonCode.js';
import { Icon } from '../ui/Icon.js';
import { JsonTree } from './JsonTree.js';

export type DataMode = 'tree' | 'table' | 'raw';

const MODES: readonly { mode: DataMode; label: string }[] = [
  { mode: 'tree', label: 'Tree' },
  { mode: 'table', label: 'Table' },
  { mode: 'raw', label: 'Raw' },
];

const NO_CHANGES = new Map<string, never>();

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Copies text: the Clipboard API where the page may use it, a selected text area elsewhere (plain http). */
export async function copyText(text: string): Promise<void> {
  if (typeof navigator !== 'undefined' && navigator.clipboard !== undefined && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('the browser refused to copy');
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = (): void => {
    copyText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button
      type="button"
      className="btn btn-ghost btn-sm data-copy"
      aria-label={label}
      title={label}
      onClick={copy}
      data-testid="data-copy"
    >
      <Icon name={state === 'copied' ? 'check' : 'copy'} size={13} />
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Not copied' : 'Copy'}
    </button>
  );
}

function Cell({ value }: { value: unknown }) {
  const { text, full, kind } = cellText(value);
  return (
    <td className={`data-cell cell-${kind}`} title={full}>
      {kind === 'missing' ? <span className="data-missing">—</span> : text}
    </td>
  );
}

function Table({ table }: { table: DataTable }) {
  return (
    <figure className="data-table-box" data-testid="data-table" data-path={table.path}>
      <figcaption className="data-table-caption">
        <code>{table.path}</code>
        <span>
          {table.total} {table.total === 1 ? 'row' : 'rows'}
          {table.rows.length < table.total ? `, first ${table.rows.length} shown` : ''}
          {table.moreColumns > 0 ? `, ${table.moreColumns} more columns in raw` : ''}
        </span>
      </figcaption>
      <div className="data-table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th className="data-index">#</th>
              {table.columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                <td className="data-index">{i}</td>
                {table.columns.map((column) => (
                  <Cell key={column} value={row[column]} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** A value's lists of objects as tables; a plain object with none, as a table of its fields. */
function Tables({ value, root }: { value: unknown; root: string }) {
  const tables = useMemo(() => tablesIn(value, root), [value, root]);
  if (tables.length > 0) return tables.map((table) => <Table key={table.path} table={table} />);
  return (
    <>
      <div className="data-note">No list of objects here to lay out as a table.</div>
      {isObject(value) && Object.keys(value).length > 0 && (
        <Table
          table={{
            path: root === '' ? 'fields' : root,
            columns: ['field', 'value'],
            rows: Object.entries(value).map(([field, inner]) => ({ field, value: inner })),
            total: Object.keys(value).length,
            moreColumns: 0,
          }}
        />
      )}
    </>
  );
}

/**
 * One value (a node's input scope, output or error) as a tree, as tables (its lists of
 * objects) or as raw JSON, with a button that copies the JSON. `root` names the value in the
 * tree and in table paths (`output`); without it an object's own keys are the tree's roots.
 */
export const DataView = memo(function DataView({
  value,
  root,
  copyLabel,
  testId,
  defaultMode = 'tree',
}: {
  value: unknown;
  root?: string;
  copyLabel: string;
  testId?: string;
  defaultMode?: DataMode;
}) {
  const [mode, setMode] = useState<DataMode>(defaultMode);
  const text = useMemo(() => JSON.stringify(value ?? null, null, 2), [value]);
  const treeValue = useMemo(
    () => (root === undefined && isObject(value) ? value : { [root ?? 'value']: value }),
    [value, root],
  );
  return (
    <div className="data-view" data-testid={testId} data-mode={mode}>
      <div className="data-view-bar">
        <div className="segmented" role="group" aria-label="Show as">
          {MODES.map((m) => (
            <button key={m.mode} type="button" aria-pressed={mode === m.mode} onClick={() => setMode(m.mode)}>
              {m.label}
            </button>
          ))}
        </div>
        <CopyButton text={text} label={copyLabel} />
      </div>
      <div className="data-view-body">
        {mode === 'tree' && <JsonTree value={treeValue} changes={NO_CHANGES} testId="data-tree" />}
        {mode === 'table' && <Tables value={value} root={root ?? ''} />}
        {mode === 'raw' && <JsonCode text={text} className="data-raw" testId="data-raw" />}
      </div>
    </div>
  );
});
