import { memo, useState } from 'react';
import { childPath, type Change } from '../run-model/context-diff.js';
import { Icon } from '../ui/Icon.js';

const MAX_CHILDREN = 200;

type Changes = ReadonlyMap<string, Change>;

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

function entriesOf(value: Record<string, unknown> | unknown[]): [string, unknown][] {
  return Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
}

function removedUnder(changes: Changes, path: string): string[] {
  const prefix = path === '' ? '' : `${path}.`;
  const keys: string[] = [];
  for (const [p, change] of changes) {
    if (change !== 'removed' || !p.startsWith(prefix)) continue;
    const rest = p.slice(prefix.length);
    if (!rest.includes('.')) keys.push(rest);
  }
  return keys;
}

function Scalar({ value }: { value: unknown }) {
  // A long string is cut at the panel's edge: hovering shows all of it.
  if (typeof value === 'string')
    return (
      <span className="json-string" title={value}>
        {JSON.stringify(value)}
      </span>
    );
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="json-keyword">{String(value)}</span>;
  if (value === null) return <span className="json-keyword">null</span>;
  return <span className="json-keyword">undefined</span>;
}

function summary(value: Record<string, unknown> | unknown[]): string {
  const n = Array.isArray(value) ? value.length : Object.keys(value).length;
  return Array.isArray(value) ? `[${n}]` : `{${n}}`;
}

interface EntryProps {
  name: string;
  value: unknown;
  path: string;
  depth: number;
  changes: Changes;
}

/** One key of the tree: a scalar, or a container that opens (changed ones open by themselves). */
const JsonEntry = memo(function JsonEntry({ name, value, path, depth, changes }: EntryProps) {
  const change = changes.get(path);
  const [open, setOpen] = useState<boolean | undefined>(undefined);
  const expanded = open ?? (depth < 2 || change !== undefined);
  const container = isContainer(value);
  return (
    <div className="json-entry" data-path={path} data-change={change}>
      <div
        className={`json-row ${change === undefined ? '' : `is-${change}`} ${container ? 'is-container' : ''}`}
        style={{ paddingLeft: depth * 14 + 4 }}
      >
        {container ? (
          <button
            type="button"
            className="json-toggle"
            aria-expanded={expanded}
            aria-label={`${expanded ? 'Collapse' : 'Expand'} ${path}`}
            onClick={() => setOpen(!expanded)}
          >
            <Icon name="chevronDown" size={12} className={expanded ? '' : 'rotate-270'} />
          </button>
        ) : (
          <span className="json-toggle-space" />
        )}
        {container ? (
          // The key opens and closes its value too (the chevron is a small target); the
          // chevron stays the control for keyboards and screen readers.
          <span className="json-key is-toggle" onClick={() => setOpen(!expanded)}>
            {name}
          </span>
        ) : (
          <span className="json-key">{name}</span>
        )}
        <span className="json-colon">:</span>
        {container ? <span className="json-summary">{summary(value)}</span> : <Scalar value={value} />}
        {change !== undefined && change !== 'changed' && <span className={`json-tag tag-${change}`}>{change}</span>}
        {change === 'changed' && !container && <span className="json-tag tag-changed">changed</span>}
      </div>
      {container && expanded && <JsonChildren value={value} path={path} depth={depth + 1} changes={changes} />}
    </div>
  );
});

function JsonChildren({
  value,
  path,
  depth,
  changes,
}: {
  value: Record<string, unknown> | unknown[];
  path: string;
  depth: number;
  changes: Changes;
}) {
  const [limit, setLimit] = useState(MAX_CHILDREN);
  const entries = entriesOf(value);
  const removed = removedUnder(changes, path);
  return (
    <>
      {entries.slice(0, limit).map(([key, inner]) => (
        <JsonEntry key={key} name={key} value={inner} path={childPath(path, key)} depth={depth} changes={changes} />
      ))}
      {entries.length > limit && (
        <button
          type="button"
          className="json-more"
          style={{ marginLeft: depth * 14 + 22 }}
          onClick={() => setLimit(limit + MAX_CHILDREN)}
        >
          {entries.length - limit} more…
        </button>
      )}
      {removed.map((key) => (
        <div
          key={`removed:${key}`}
          className="json-row is-removed"
          style={{ paddingLeft: depth * 14 + 4 }}
          data-path={childPath(path, key)}
          data-change="removed"
        >
          <span className="json-toggle-space" />
          <span className="json-key">{key}</span>
          <span className="json-tag tag-removed">removed</span>
        </div>
      ))}
      {entries.length === 0 && removed.length === 0 && (
        <div className="json-row json-empty" style={{ paddingLeft: depth * 14 + 22 }}>
          {Array.isArray(value) ? 'empty list' : 'empty'}
        </div>
      )}
    </>
  );
}

/** A JSON value as a tree, with the paths in `changes` highlighted. */
export const JsonTree = memo(function JsonTree({
  value,
  changes,
  testId,
}: {
  value: Record<string, unknown>;
  changes: Changes;
  testId?: string;
}) {
  return (
    <div className="json-tree" data-testid={testId}>
      {Object.entries(value).map(([key, inner]) => (
        <JsonEntry key={key} name={key} value={inner} path={key} depth={0} changes={changes} />
      ))}
    </div>
  );
});
