import type { WorkflowSummary } from '#shared';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCommands } from '../app/useCommands.js';
import { useStores, useWorkspace } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';
import './sidebar.css';

/** The workspace's workflow files: open, rename, delete. */
export function WorkflowList() {
  const { files, status, error, openFile, dirty } = useWorkspace(
    useShallow((s) => ({
      files: s.files,
      status: s.listStatus,
      error: s.listError,
      openFile: s.openFile,
      dirty: s.dirty,
    })),
  );
  const { workspace } = useStores();
  const commands = useCommands();

  return (
    <section className="workflow-list" aria-label="Workflows">
      <div className="sidebar-heading">
        <span>Workflows</span>
        <button
          type="button"
          className="btn btn-ghost btn-sm btn-icon"
          aria-label="New workflow"
          title="New workflow"
          onClick={commands.newWorkflow}
        >
          <Icon name="plus" size={15} />
        </button>
      </div>
      <div className="workflow-list-scroll">
        {status === 'loading' && files.length === 0 && <div className="list-note">Loading workflows…</div>}
        {status === 'error' && (
          <div className="list-note list-note-error" role="alert">
            Could not list workflows: {error}
            <button type="button" className="btn btn-sm" onClick={() => void workspace.getState().refresh()}>
              Retry
            </button>
          </div>
        )}
        {status === 'ready' && files.length === 0 && (
          <div className="list-empty" data-testid="workflows-empty">
            <strong>No workflows yet</strong>
            <span>Create one or import a .flow.json</span>
          </div>
        )}
        <ul className="workflow-items">
          {files.map((file) => (
            <WorkflowItem
              key={file.file}
              summary={file}
              open={file.file === openFile}
              dirty={file.file === openFile && dirty}
              onOpen={() => void workspace.getState().open(file.file)}
              onRename={() => commands.renameWorkflowFile(file.file)}
              onDelete={() => commands.deleteWorkflowFile(file.file)}
            />
          ))}
        </ul>
      </div>
    </section>
  );
}

interface ItemProps {
  summary: WorkflowSummary;
  open: boolean;
  dirty: boolean;
  onOpen: () => void;
  onRename: () => void;
  onDelete: () => void;
}

const WorkflowItem = memo(function WorkflowItem({ summary, open, dirty, onOpen, onRename, onDelete }: ItemProps) {
  const name = summary.name ?? summary.file.replace(/\.flow\.json$/, '');
  return (
    <li className={`workflow-item ${open ? 'is-open' : ''}`} data-testid={`workflow-item-${summary.file}`}>
      <button
        type="button"
        className="workflow-open"
        onClick={onOpen}
        aria-current={open ? 'page' : undefined}
        title={summary.error ?? summary.file}
      >
        <span className={`workflow-glyph ${summary.error !== undefined ? 'is-invalid' : ''}`}>
          <Icon name={summary.error !== undefined ? 'alert' : 'file'} size={14} />
        </span>
        <span className="workflow-text">
          <span className="workflow-name">
            {name}
            {dirty && <span className="dirty-dot" aria-label="unsaved changes" />}
          </span>
          <span className="workflow-meta">
            {summary.file}
            {summary.version !== undefined ? ` · v${summary.version}` : ''}
          </span>
        </span>
      </button>
      <span className="workflow-actions">
        <button
          type="button"
          className="btn btn-ghost btn-sm btn-icon"
          aria-label={`Rename ${summary.file}`}
          title="Rename"
          onClick={onRename}
        >
          <Icon name="pencil" size={13} />
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm btn-icon danger-hover"
          aria-label={`Delete ${summary.file}`}
          title="Delete"
          onClick={onDelete}
        >
          <Icon name="trash" size={13} />
        </button>
      </span>
    </li>
  );
});
