import { NOTE_COLORS } from '#shared';
import { useCommands } from '../app/useCommands.js';
import { groupsOf, notesOf, parseAnnotationKey, toggleCollapsed } from '../model/annotation-ops.js';
import { withField } from '../model/document-ops.js';
import { useDesigner, useStores } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';
import { OptionSelect } from './controls.js';
import { Field } from './Field.js';
import { InspectorHeader } from './InspectorHeader.js';

/** Edits a selected sticky note (its Markdown and colour) or group (its name, collapsed, members). */
export function AnnotationInspector({ annotationKey }: { annotationKey: string }) {
  const key = parseAnnotationKey(annotationKey);
  if (key?.kind === 'note') return <NoteInspector id={key.id} />;
  if (key?.kind === 'group') return <GroupInspector id={key.id} />;
  return null;
}

function NoteInspector({ id }: { id: string }) {
  const { designer } = useStores();
  const commands = useCommands();
  const note = useDesigner((s) => (s.doc === null ? undefined : notesOf(s.doc).find((n) => n.id === id)));
  if (note === undefined) return null;
  return (
    <div className="inspector-content" data-testid="note-inspector">
      <InspectorHeader icon="note" kind="Sticky note">
        Shown on the canvas only; runs ignore it.
      </InspectorHeader>
      <section className="inspector-section">
        <Field
          id="note-text"
          label="Text"
          hint="Markdown: # heading, - list, **bold**, `code`, blank line between paragraphs."
        >
          <textarea
            id="note-text"
            className="textarea"
            rows={8}
            value={note.text}
            onChange={(e) =>
              designer.getState().updateNote(id, (n) => ({ ...n, text: e.target.value }), `note:${id}:text`)
            }
          />
        </Field>
        <Field id="note-color" label="Colour">
          <OptionSelect
            id="note-color"
            value={note.color ?? 'yellow'}
            options={NOTE_COLORS}
            onChange={(color) =>
              designer.getState().updateNote(id, (n) => withField(n, 'color', color === 'yellow' ? undefined : color))
            }
          />
        </Field>
      </section>
      <section className="inspector-section inspector-actions">
        <button type="button" className="btn danger-hover" onClick={commands.deleteSelection}>
          <Icon name="trash" size={14} /> Delete note
        </button>
      </section>
    </div>
  );
}

function GroupInspector({ id }: { id: string }) {
  const { designer } = useStores();
  const group = useDesigner((s) => (s.doc === null ? undefined : groupsOf(s.doc).find((g) => g.id === id)));
  if (group === undefined) return null;
  const collapsed = group.collapsed === true;
  return (
    <div className="inspector-content" data-testid="group-inspector">
      <InspectorHeader icon="group" kind="Group">
        {group.nodes.length} node{group.nodes.length === 1 ? '' : 's'}; shown on the canvas only.
      </InspectorHeader>
      <section className="inspector-section">
        <Field id="group-name" label="Name" required>
          <input
            id="group-name"
            className="input"
            value={group.name}
            onChange={(e) => {
              const name = e.target.value;
              if (name.trim() !== '') designer.getState().updateGroup(id, (g) => ({ ...g, name }), `group:${id}:name`);
            }}
          />
        </Field>
        <Field id="group-collapsed" label="Collapsed: one box in place of its nodes" inline>
          <input
            id="group-collapsed"
            type="checkbox"
            checked={collapsed}
            onChange={() => designer.getState().updateGroup(id, toggleCollapsed)}
          />
        </Field>
        <Field id="group-nodes" label="Nodes">
          <ul className="group-members" id="group-nodes">
            {group.nodes.map((node) => (
              <li key={node}>
                <button
                  type="button"
                  className="group-member"
                  onClick={() => designer.getState().select({ nodes: [node], edges: [] })}
                >
                  {node}
                </button>
              </li>
            ))}
          </ul>
        </Field>
      </section>
    </div>
  );
}
