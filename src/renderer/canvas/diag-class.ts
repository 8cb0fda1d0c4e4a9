import type { FlowNodeData } from '../model/flow-types.js';

/** The class a node gets for its worst problem. */
export function diagClass(data: FlowNodeData): string {
  if (data.diagnostics.errors.length > 0) return 'has-errors';
  if (data.diagnostics.warnings.length > 0) return 'has-warnings';
  return '';
}
