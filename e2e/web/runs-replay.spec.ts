import { RunsApp, type Outcome } from './runs-app.js';
import { expect, test } from './serve-fixture.js';

interface Opened {
  workflow: { nodes: { id: string; kind: string; config?: { cases?: { port: string; when: string }[] } }[] };
}

test.describe('replay check', () => {
  test('checks a past run against the current design and shows where it diverges', async ({ page, serve }) => {
    const { runId } = await serve.api<Outcome>('startRun', {
      file: 'ticket-router.flow.json',
      input: { priority: 'urgent', topic: 'billing' },
    });
    const app = new RunsApp(page, serve);

    // Unchanged design: replays clean.
    await app.gotoRun(runId);
    await page.getByTestId('btn-replay').click();
    await expect(page.getByTestId('replay-verdict')).toContainText('Replays clean');

    // The design changes: billing questions now win over urgency.
    const { workflow } = await serve.api<Opened>('openWorkflow', { file: 'ticket-router.flow.json' });
    const route = workflow.nodes.find((n) => n.id === 'route');
    route?.config?.cases?.reverse();
    await serve.api('saveWorkflow', { file: 'ticket-router.flow.json', workflow, bumpVersion: true });
    const routed = await app.seqOf(runId, 'node.completed', 'route');

    await page.reload();
    await app.waitForRun(runId);
    await page.getByTestId('btn-replay').click();
    const verdict = page.getByTestId('replay-verdict');
    await expect(verdict).toContainText(`Diverges at #${routed} (node route)`);
    await expect(verdict).toContainText('takes port "billing" in the new version; the recording took "pager"');
    // The divergence is selected and marked on the canvas and in the timeline.
    await expect(app.position).toHaveAttribute('data-seq', String(routed));
    await expect(app.node('route')).toHaveClass(/is-diverged/);
    await expect(app.node('route').getByTestId('run-badge')).toContainText('diverges');
    await expect(app.event(routed)).toHaveClass(/is-diverged/);
    await expect(page.getByTestId('timeline-divergence')).toBeVisible();
    await app.shot('replay-divergence');
  });
});
