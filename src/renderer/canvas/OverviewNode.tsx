import type { FlowNodeData } from '../model/flow-types.js';
import { kindFamily } from '../model/node-kinds.js';
import { diagClass } from './diag-class.js';
import { NodeDiagnostics } from './NodeDiagnostics.js';
import { runClass } from './RunBadge.js';

interface OverviewNodeProps {
  id: string;
  data: FlowNodeData;
  selected: boolean | undefined;
}

/** A node at the overview zoom level: a kind-coloured block with its problem count; no handles, no text. */
export function OverviewNode({ id, data, selected }: OverviewNodeProps) {
  return (
    <div
      className={`wf-node wf-overview family-${kindFamily(data.kind)} kind-${data.kind} ${selected ? 'is-selected' : ''} ${diagClass(data)} ${runClass(data.run)}`}
      data-testid={`node-${id}`}
      data-run-status={data.run?.status}
    >
      <NodeDiagnostics diagnostics={data.diagnostics} />
    </div>
  );
}
