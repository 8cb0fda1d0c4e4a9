import { z } from 'zod';
import {
  deployedTriggerWorkflows,
  FsWorkspace,
  listTriggers,
  workspaceTriggerWorkflows,
  type TriggerListing,
} from '#backend';
import type { Trigger } from '#shared';
import { nonEmpty } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { storeExists, withHost } from '../host-session.js';
import { formatTable } from '../output.js';
import { workspaceDir } from './serve.js';

function when(trigger: Trigger): string {
  if (trigger.kind === 'schedule') return `${trigger.cron} (${trigger.timezone})`;
  return `${trigger.method ?? 'POST'} /hooks/${trigger.path} (auth ${trigger.auth.type})`;
}

const utc = (iso: string): string => iso.replace('T', ' ').slice(0, 19);

function row(t: TriggerListing): string[] {
  const last = t.lastRun === null ? '-' : `${t.lastRun.id} ${t.lastRun.status} ${utc(t.lastRun.startedAt)}`;
  return [
    t.workflowId,
    t.trigger.id,
    t.trigger.kind,
    when(t.trigger),
    t.nextFireAt === null ? '-' : utc(t.nextFireAt),
    last,
    t.source,
  ];
}

export const triggersCommand = defineCommand({
  name: 'triggers',
  summary: 'list the triggers of the workspace and of the deployed workflows',
  usage: 'triggers [--workspace DIR]',
  description: [
    'Prints a table: workflow, trigger id, kind, when it fires (cron and zone, or method and',
    'webhook path), the next fire time (UTC) and the last run it started, and where the workflow',
    'comes from (a workspace file, as `serve` activates it, or "deployed ID" for `switchyard',
    'deploy`, as workers do). The workspace is --workspace, else $SWITCHYARD_WORKSPACE, else the',
    'current directory. With --json: an array of {source, workflowId, trigger, nextFireAt, lastRun}.',
  ].join('\n'),
  positionals: [],
  options: { workspace: { type: 'string', value: 'DIR', description: 'the folder of workflow files' } },
  schema: z.object({ workspace: nonEmpty('a folder').optional() }),
  async run(ctx, args) {
    const workspace = new FsWorkspace(workspaceDir(args, ctx.io));
    const local = await workspaceTriggerWorkflows(workspace);
    const listings = storeExists(ctx)
      ? await withHost(ctx, {}, async (host) =>
          listTriggers([...local, ...(await deployedTriggerWorkflows(host.store))], host.store, Date.now()),
        )
      : await listTriggers(local, undefined, Date.now());
    ctx.out.result(listings, () => {
      if (listings.length === 0) ctx.out.line('no triggers');
      else
        for (const line of formatTable(
          ['WORKFLOW', 'TRIGGER', 'KIND', 'WHEN', 'NEXT FIRE', 'LAST RUN', 'SOURCE'],
          listings.map(row),
        ))
          ctx.out.line(line);
    });
    return 0;
  },
});
