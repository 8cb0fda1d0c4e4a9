import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { memo, useEffect } from 'react';
import type { GroupFlowNode, NoteFlowNode } from '../model/annotation-flow.js';
import { toggleCollapsed } from '../model/annotation-ops.js';
import { useStores } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';
import { NoteText } from './NoteText.js';

/** A sticky note: its Markdown on a coloured card, dragged like a node, edited in the inspector. */
const NoteNode = memo(function NoteNode({ data, selected }: NodeProps<NoteFlowNode>) {
  const { note } = data;
  return (
    <div
      className={`wf-note note-${note.color ?? 'yellow'} ${selected ? 'is-selected' : ''}`}
      data-testid={`note-${note.id}`}
      style={{ width: note.width ?? 240 }}
    >
      <NoteText text={note.text} />
    </div>
  );
});

/** A group's frame behind its nodes (dragged by its title), or, collapsed, one box in their place. */
const GroupNode = memo(function GroupNode({ id, data, selected }: NodeProps<GroupFlowNode>) {
  const { designer } = useStores();
  const { group, members, crossing } = data;
  const collapsed = group.collapsed === true;
  // Collapsed, the box is where its nodes' edges end: React Flow must measure its anchors anew.
  const updateInternals = useUpdateNodeInternals();
  useEffect(() => updateInternals(id), [collapsed, id, updateInternals]);
  const toggle = (): void => designer.getState().updateGroup(group.id, toggleCollapsed);
  return (
    <div
      className={`wf-group ${collapsed ? 'is-collapsed' : ''} ${selected ? 'is-selected' : ''}`}
      data-testid={`group-${group.id}`}
    >
      <Handle
        type="target"
        position={Position.Left}
        id="in"
        className="port-handle port-hidden"
        isConnectable={false}
      />
      <div className="wf-group-head">
        <Icon name="group" size={14} />
        <span className="wf-group-name" title={group.name}>
          {group.name}
        </span>
        <button
          type="button"
          className="wf-group-toggle nodrag"
          aria-label={collapsed ? `Expand group ${group.name}` : `Collapse group ${group.name}`}
          aria-expanded={!collapsed}
          onClick={toggle}
        >
          <Icon name={collapsed ? 'chevronDown' : 'chevronUp'} size={14} />
        </button>
      </div>
      {collapsed && (
        <div className="wf-group-summary">
          {members} node{members === 1 ? '' : 's'}
          {crossing > 0 && ` · ${crossing} connection${crossing === 1 ? '' : 's'}`}
        </div>
      )}
      <Handle
        type="source"
        position={Position.Right}
        id="out"
        className="port-handle port-hidden"
        isConnectable={false}
      />
    </div>
  );
});

export const ANNOTATION_NODE_TYPES = { wfnote: NoteNode, wfgroup: GroupNode };
