import { createHash } from 'node:crypto';
import type { Workflow } from '#shared';
import { encodeWorkflow } from '../engine/store/run-rows.js';

/** A workflow document as a store keeps it: its JSON text and the key of its row. */
export interface StoredDocument {
  document: string;
  /** A hash of the text, so identical documents share a row. */
  documentId: string;
}

function documentIdOf(document: string): string {
  return `sha256:${createHash('sha256').update(document).digest('base64url')}`;
}

// Documents are never changed in place (edits make new objects): the many runs of one document
// object are encoded and hashed once.
const stored = new WeakMap<Workflow, StoredDocument>();

/** The text and key of a run's workflow document (encoded once per document object). */
export function storedDocument(runId: string, workflow: Workflow): StoredDocument {
  let found = stored.get(workflow);
  if (found === undefined) {
    const document = encodeWorkflow(runId, workflow);
    found = { document, documentId: documentIdOf(document) };
    stored.set(workflow, found);
  }
  return found;
}
