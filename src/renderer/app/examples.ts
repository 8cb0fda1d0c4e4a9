import type { Workflow } from '#shared';
import { toEditableDocument } from '../model/editable-document.js';

export interface Example {
  file: string;
  doc: Workflow;
}

// The example workflows shipped in assets/examples, bundled at build time.
const modules = import.meta.glob<unknown>('../../../assets/examples/*.flow.json', { eager: true, import: 'default' });

const PREFERRED = ['order-approval', 'parallel-enrich', 'ticket-router', 'fetch-user', 'trip-booking-saga'];

export const EXAMPLES: readonly Example[] = Object.entries(modules)
  .flatMap(([path, value]): Example[] => {
    const parsed = toEditableDocument(value);
    return parsed.ok ? [{ file: path.replace(/^.*\//, ''), doc: parsed.doc }] : [];
  })
  .sort((a, b) => rank(a.doc.id) - rank(b.doc.id) || a.doc.name.localeCompare(b.doc.name));

function rank(id: string): number {
  const i = PREFERRED.indexOf(id);
  return i === -1 ? PREFERRED.length : i;
}
