import { z } from 'zod';
import { deployWorkflow, loadWorkflowFile } from '#backend';
import { SwitchyardError } from '#shared';
import { defineCommand } from '../command.js';
import { withHost } from '../host-session.js';

export const deployCommand = defineCommand({
  name: 'deploy',
  summary: 'put a workflow in the store, so that workers fire its triggers',
  usage: 'deploy FILE | deploy --remove ID',
  description: [
    'Validates FILE and stores it in the run store as a deployed workflow (replacing one deployed',
    'with the same id): every `switchyard worker` on the store activates its triggers. A webhook',
    'path another deployed workflow uses is refused (TRIGGER_CONFLICT, exit 2), naming both.',
    '--remove ID takes workflow ID out again. With --json: {"deployed": ID} or {"removed": ID}.',
  ].join('\n'),
  positionals: ['FILE'],
  options: { remove: { type: 'string', value: 'ID', description: 'undeploy the workflow with this id' } },
  schema: z.object({ file: z.string().optional(), remove: z.string().min(1).optional() }),
  async run(ctx, args) {
    if ((args.file === undefined) === (args.remove === undefined))
      throw new SwitchyardError('BAD_USAGE', 'give either FILE to deploy or --remove ID, not both');
    if (args.remove !== undefined) {
      const id = args.remove;
      const removed = await withHost(ctx, {}, (host) => host.store.undeployWorkflow(id));
      if (!removed) throw new SwitchyardError('NOT_FOUND', `no workflow "${id}" is deployed in this store`);
      ctx.out.result({ removed: id }, () => ctx.out.line(`removed ${id}`));
      return 0;
    }
    const file = args.file ?? '';
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
