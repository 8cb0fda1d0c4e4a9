import { WorkflowId } from '#shared';
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { withDocValue } from '../model/node-values.js';
import { isTriggerProblem } from '../model/trigger-problems.js';
import { useDesigner, useStores } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';
import { Field } from './Field.js';
import { InputSchemaSection } from './InputSchemaSection.js';
import { InspectorHeader, ProblemLines } from './InspectorHeader.js';
import { TriggersSection } from './TriggersSection.js';
import { VersionsSection } from '../versions/VersionsSection.js';

/** With nothing selected: the workflow's own name, id and description. */
export function WorkflowInspector() {
  const { designer } = useStores();
  const info = useDesigner(
    useShallow((s) => ({
      name: s.doc?.name ?? '',
      id: s.doc?.id ?? '',
      description: s.doc?.description ?? '',
      version: s.doc?.version ?? 1,
      nodes: s.doc?.nodes.length ?? 0,
      edges: s.doc?.edges.length ?? 0,
    })),
  );
  const workflowProblems = useDesigner(
    useShallow((s) =>
      s.problems.filter(
        (p) => p.node === undefined && p.edge === undefined && p.subflow === undefined && !isTriggerProblem(p),
      ),
    ),
  );
  const [idDraft, setIdDraft] = useState(info.id);
  useEffect(() => setIdDraft(info.id), [info.id]);
  const idCheck = WorkflowId.safeParse(idDraft);
  const idError = idCheck.success ? undefined : (idCheck.error.issues[0]?.message ?? 'not a valid id');

  return (
    <div className="inspector-content" data-testid="workflow-inspector">
      <InspectorHeader icon="logo" iconClassName="workflow-icon" kind="Workflow">
        {plural(info.nodes, 'node')} · {plural(info.edges, 'connection')} · version {info.version}
      </InspectorHeader>
      <section className="inspector-section">
        <Field id="wf-name" label="Name" required problems={workflowProblems.filter((p) => p.field === 'name')}>
          <input
            id="wf-name"
            className="input"
            value={info.name}
            onChange={(e) => designer.getState().edit((d) => withDocValue(d, 'name', e.target.value), 'doc:name')}
          />
        </Field>
        <Field
          id="wf-id"
          label="Id"
          required
          hint="Lower-case letters, digits, _ or -. Subflow nodes refer to workflows by id."
          problems={
            idError === undefined
              ? workflowProblems.filter((p) => p.field === 'id')
              : [{ severity: 'error', code: 'BAD_ID', message: idError }]
          }
        >
          <input
            id="wf-id"
            className="input input-mono"
            value={idDraft}
            aria-invalid={idError !== undefined}
            onChange={(e) => setIdDraft(e.target.value)}
            onBlur={() => {
              if (idError === undefined && idDraft !== info.id)
                designer.getState().edit((d) => withDocValue(d, 'id', idDraft));
            }}
          />
        </Field>
        <Field id="wf-description" label="Description" problems={[]}>
          <textarea
            id="wf-description"
            className="textarea"
            rows={4}
            value={info.description}
            placeholder="What this workflow is for"
            onChange={(e) =>
              designer
                .getState()
                .edit(
                  (d) => withDocValue(d, 'description', e.target.value === '' ? undefined : e.target.value),
                  'doc:description',
                )
            }
          />
        </Field>
      </section>
      <InputSchemaSection />
      <TriggersSection />
      <VersionsSection />
      {workflowProblems.filter((p) => p.field === undefined || (p.field !== 'name' && p.field !== 'id')).length > 0 && (
        <section className="inspector-section">
          <h3 className="inspector-section-title">Workflow problems</h3>
          <ProblemLines
            problems={workflowProblems.filter((p) => p.field === undefined || (p.field !== 'name' && p.field !== 'id'))}
          />
        </section>
      )}
      <div className="inspector-tip">
        <Icon name="sparkle" size={14} />
        <span>Select a node or a connection to edit it. Shift-drag draws a selection box.</span>
      </div>
    </div>
  );
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
