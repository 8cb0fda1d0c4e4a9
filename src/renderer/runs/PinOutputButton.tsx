import { PINNABLE_KINDS } from '#engine';
import type { HistoryEvent } from '#shared';
import { useState } from 'react';
import { useStores } from '../stores/stores-context.js';
import { Icon } from '../ui/Icon.js';
import { useRunView } from './run-view-context.js';
import '../sample-run/sample-run.css';

/**
 * On the selected `node.completed` event of a node whose output may be pinned: pins that output
 * as the node's sample data in the designer ("run to here" then gives it instead of calling out).
 */
export function PinOutputButton({ event }: { event: HistoryEvent | undefined }) {
  const { pins, ui } = useStores();
  const doc = useRunView((s) => s.doc);
  const runId = useRunView((s) => s.runId);
  const [busy, setBusy] = useState(false);
  const node = event?.type === 'node.completed' ? doc?.nodes.find((n) => n.id === event.node) : undefined;
  if (event === undefined || doc === null || node === undefined || !PINNABLE_KINDS.has(node.kind)) return null;
  const pin = async (): Promise<void> => {
    setBusy(true);
    const output: unknown = event.data?.['output'] ?? null;
    const refused = await pins.getState().pin(doc.id, node.id, output, { runId, seq: event.seq });
    setBusy(false);
    if (refused === undefined)
      ui.getState().notify('success', `Pinned the output of ${node.id}: run to here in the designer uses it now.`);
    else ui.getState().notify('error', `Could not pin the output of ${node.id}: ${refused}`);
  };
  return (
    <div className="context-pin">
      <button
        type="button"
        className="btn btn-sm"
        disabled={busy}
        onClick={() => void pin()}
        data-testid="pin-output"
        title={`Use this output of ${node.id} as its sample data in the designer's "run to here"`}
      >
        <Icon name="pin" size={14} /> Pin output of {node.id}
      </button>
    </div>
  );
}
