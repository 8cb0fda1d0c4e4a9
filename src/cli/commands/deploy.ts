import { z } from 'zod';
import { deployWorkflow, loadWorkflowFile } from '#backend';
import { SwitchyardError } from '#shared';
import { nonEmpty } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { storeExists, withHost } from '../host-session.js';

export const deployCommand = defineCommand({
  name: 'deploy',
  summary: 'put a workflow in the store, so that workers fire its triggers',
  usage: 'deploy FILE',
  description: [
    'Validates FILE and stores it in the run store as a deployed workflow (replacing one deployed',
    'with the same id): every `switchyard worker` on the store activates its triggers. A webhook',
    'path another deployed workflow uses is refused (TRIGGER_CONFLICT, exit 2), naming both.',
    '`switchyard undeploy ID` takes it out again. With --json: {"deployed": ID}.',
  ].join('\n'),
  positionals: ['FILE'],
  options: {},
  schema: z.object({ file: z.string() }),
  async run(ctx, { file }) {
    const { workflow } = loadWorkflowFile(file);
    await withHost(ctx, {}, (host) => deployWorkflow(host.store, workflow, file, Date.now()));
    const count = workflow.triggers?.length ?? 0;
    ctx.out.result({ deployed: workflow.id }, () =>
      ctx.out.line(
        `deployed ${workflow.id} (version ${workflow.version}, ${count} ${count === 1 ? 'trigger' : 'triggers'})`,
      ),
    );
    return 0;
  },
});

export const undeployCommand = defineCommand({
  name: 'undeploy',
  summary: 'take a deployed workflow out of the store (its triggers stop)',
  usage: 'undeploy ID',
  description: 'Removes workflow ID from the deployed workflows; its runs stay. Exit 2 when it was not deployed.',
  positionals: ['ID'],
  options: {},
  schema: z.object({ id: nonEmpty('a workflow id') }),
  async run(ctx, { id }) {
    // Without a store file nothing is deployed, and none is created to say so.
    const removed = storeExists(ctx) && (await withHost(ctx, {}, (host) => host.store.undeployWorkflow(id)));
    if (!removed) throw new SwitchyardError('NOT_FOUND', `no workflow "${id}" is deployed in this store`);
    ctx.out.result({ removed: id }, () => ctx.out.line(`removed ${id}`));
    return 0;
  },
});
