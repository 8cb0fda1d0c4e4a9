import { z } from 'zod';

/** A JSONata expression, kept as source text. */
const Expression = z.string().min(1, 'expected a non-empty expression');
/** A string in which each `{{ expression }}` is replaced by its value. */
const Template = z.string();

export const StartConfig = z.strictObject({});
export const EndConfig = z.strictObject({ output: Expression.optional() });
export const FailConfig = z.strictObject({ message: Template });
/** A name in `vars`: a JavaScript-style identifier. */
export const VAR_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const VarName = z.string().regex(VAR_NAME, 'expected a variable name');
export const TransformConfig = z.strictObject({
  output: Expression.optional(),
  assign: z.record(VarName, Expression).optional(),
});
export const SetConfig = z.strictObject({
  vars: z
    .record(VarName, Expression)
    .refine((vars) => Object.keys(vars).length > 0, { message: 'expected at least one variable' }),
});
export const ScriptConfig = z.strictObject({ code: z.string() });
export const HttpMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
export const HttpConfig = z.strictObject({
  method: HttpMethod,
  url: Template.min(1, 'expected a URL'),
  headers: z.record(z.string(), Template).optional(),
  body: Expression.optional(),
  /** One status, a list of statuses, or absent for 200–299. */
  expectStatus: z.union([z.int().min(100).max(599), z.array(z.int().min(100).max(599)).min(1)]).optional(),
});
export const DelayConfig = z
  .strictObject({
    ms: z.union([z.number().nonnegative(), Expression]).optional(),
    until: Expression.optional(),
  })
  .refine((c) => (c.ms === undefined) !== (c.until === undefined), {
    message: 'set exactly one of "ms" or "until"',
  });
export const LogLevel = z.enum(['debug', 'info', 'warn', 'error']);
export const LogConfig = z.strictObject({ message: Template, level: LogLevel.optional() });
export const ConditionConfig = z.strictObject({ when: Expression });
export const PortName = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'expected a port name (letters, digits, _ . -)');
export const SwitchConfig = z.strictObject({
  cases: z.array(z.strictObject({ port: PortName, when: Expression })).min(1, 'expected at least one case'),
});
export const ParallelConfig = z.strictObject({});
export const JoinConfig = z.strictObject({
  mode: z.enum(['all', 'first', 'count']).optional(),
  count: z.int().positive().optional(),
});
export const ApprovalConfig = z.strictObject({
  title: Template,
  description: Template.optional(),
  approvers: z.array(z.string().min(1)).optional(),
  minApprovals: z.int().positive().optional(),
});
export const WaitConfig = z.strictObject({
  events: z.array(PortName).min(1, 'expected at least one event name'),
});
export const WorkflowRef = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected a workflow id');
export const SubflowConfig = z.strictObject({ workflow: WorkflowRef, input: Expression.optional() });
export const ForEachConfig = z.strictObject({
  items: Expression,
  workflow: WorkflowRef,
  concurrency: z.int().positive().optional(),
});

export type EndConfig = z.infer<typeof EndConfig>;
export type FailConfig = z.infer<typeof FailConfig>;
export type TransformConfig = z.infer<typeof TransformConfig>;
export type SetConfig = z.infer<typeof SetConfig>;
export type ScriptConfig = z.infer<typeof ScriptConfig>;
export type HttpConfig = z.infer<typeof HttpConfig>;
export type DelayConfig = z.infer<typeof DelayConfig>;
export type LogConfig = z.infer<typeof LogConfig>;
export type ConditionConfig = z.infer<typeof ConditionConfig>;
export type SwitchConfig = z.infer<typeof SwitchConfig>;
export type JoinConfig = z.infer<typeof JoinConfig>;
export type ApprovalConfig = z.infer<typeof ApprovalConfig>;
export type WaitConfig = z.infer<typeof WaitConfig>;
export type SubflowConfig = z.infer<typeof SubflowConfig>;
export type ForEachConfig = z.infer<typeof ForEachConfig>;
