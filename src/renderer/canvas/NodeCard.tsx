import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode, FlowNodeData } from '../model/flow-types.js';
import { Icon } from '../ui/Icon.js';
import { diagClass } from './diag-class.js';
import { NodeDiagnostics } from './NodeDiagnostics.js';
import { OverviewNode } from './OverviewNode.js';
import { useHandlesMeasured } from './remeasure-handles.js';
import { RunBadge, runClass } from './RunBadge.js';
import { TriggerBadges } from './TriggerBadges.js';

function InputHandle({ data }: { data: FlowNodeData }) {
  // Start has no input; the hidden anchor only lets an invalid edge into it be drawn (in red).
  if (!data.hasInput)
    return (
      <Handle
        type="target"
        position={Position.Left}
        id="in"
        className="port-handle port-hidden"
        isConnectable={false}
      />
    );
  return (
    <Handle
      type="target"
      position={Position.Left}
      id="in"
      className="port-handle port-in"
      aria-label={`Input of ${data.node.id}`}
    />
  );
}

/** Start, end and fail: compact capsules with their own colours. */
const TerminalNode = memo(function TerminalNode({ id, data, selected }: NodeProps<FlowNode>) {
  useHandlesMeasured(id, data.overview !== true);
  if (data.overview === true) return <OverviewNode id={id} data={data} selected={selected} />;
  const port = data.ports[0];
  return (
    <div
      className={`wf-node wf-terminal kind-${data.kind} ${selected ? 'is-selected' : ''} ${diagClass(data)} ${runClass(data.run)}`}
      data-testid={`node-${id}`}
      data-run-status={data.run?.status}
    >
      <InputHandle data={data} />
      <span className="wf-terminal-icon">
        <Icon name={data.kind} size={14} />
      </span>
      <span className="wf-terminal-text">
        <span className="wf-kind">{data.title}</span>
        <span className="wf-name" title={data.node.label ?? data.node.id}>
          {data.node.label ?? data.node.id}
        </span>
      </span>
      {port !== undefined ? (
        <Handle
          type="source"
          position={Position.Right}
          id={port.id}
          className="port-handle port-out"
          aria-label={`Output of ${data.node.id}`}
        />
      ) : (
        // End and fail have no outputs; this anchor only lets an invalid edge out of them be drawn (in red).
        <Handle
          type="source"
          position={Position.Right}
          id="out"
          className="port-handle port-hidden"
          isConnectable={false}
        />
      )}
      {data.triggers !== undefined && <TriggerBadges triggers={data.triggers} />}
      <NodeDiagnostics diagnostics={data.diagnostics} />
      {data.run !== undefined && <RunBadge info={data.run} />}
    </div>
  );
});

/** Every other kind: a card with icon, kind title, name, config summary and one labelled row per output port. */
function CardNode({ id, data, selected, family }: NodeProps<FlowNode> & { family: string }) {
  useHandlesMeasured(id, data.overview !== true);
  if (data.overview === true) return <OverviewNode id={id} data={data} selected={selected} />;
  const named = data.node.label !== undefined && data.node.label !== '';
  return (
    <div
      className={`wf-node wf-card family-${family} kind-${data.kind} ${selected ? 'is-selected' : ''} ${diagClass(data)} ${runClass(data.run)}`}
      data-testid={`node-${id}`}
      data-run-status={data.run?.status}
    >
      <InputHandle data={data} />
      <div className="wf-card-head">
        <span className="wf-icon">
          <Icon name={data.kind} size={16} />
        </span>
        <span className="wf-head-text">
          <span className="wf-kind">{data.title}</span>
          <span className="wf-name" title={named ? `${data.node.label} (${data.node.id})` : data.node.id}>
            {named ? data.node.label : data.node.id}
            {named && <span className="wf-id">{data.node.id}</span>}
          </span>
        </span>
      </div>
      <div className="wf-summary" title={data.summary}>
        {data.summary === '' ? '\u00a0' : data.summary}
      </div>
      <div className="wf-ports">
        {data.ports.map((port) => (
          <div key={port.id} className={`wf-port tone-${port.tone}`}>
            <span className="wf-port-label">{port.id}</span>
            <Handle
              type="source"
              position={Position.Right}
              id={port.id}
              className={`port-handle port-out tone-${port.tone}`}
              aria-label={`Port ${port.id} of ${data.node.id}`}
            />
          </div>
        ))}
      </div>
      <NodeDiagnostics diagnostics={data.diagnostics} />
      {data.pinned === true && <PinBadge />}
      {data.run !== undefined && <RunBadge info={data.run} />}
    </div>
  );
}

function PinBadge() {
  return (
    <span
      className="pin-badge"
      data-testid="pin-badge"
      title="Pinned sample output: run to here does not execute this node"
    >
      <Icon name="pin" size={10} />
      pinned
    </span>
  );
}

const TaskNode = memo(function TaskNode(props: NodeProps<FlowNode>) {
  return <CardNode {...props} family="task" />;
});
const BranchNode = memo(function BranchNode(props: NodeProps<FlowNode>) {
  return <CardNode {...props} family="branch" />;
});
const HumanNode = memo(function HumanNode(props: NodeProps<FlowNode>) {
  return <CardNode {...props} family="human" />;
});
const CompositionNode = memo(function CompositionNode(props: NodeProps<FlowNode>) {
  return <CardNode {...props} family="composition" />;
});

/** One memoised component per kind family (stable object: React Flow must not see a new one per render). */
export const NODE_TYPES = {
  terminal: TerminalNode,
  task: TaskNode,
  branch: BranchNode,
  human: HumanNode,
  composition: CompositionNode,
};
