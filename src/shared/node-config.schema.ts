import { z } from 'zod';

/* The building blocks of node config schemas; each kind's own schema is in its registry entry (node-kinds.ts). */

/** A JSONata expression, kept as source text. */
export const Expression = z.string().min(1, 'expected a non-empty expression');
/** A string in which each `{{ expression }}` is replaced by its value. */
export const Template = z.string();
/** A name in `vars`: a JavaScript-style identifier. */
export const VAR_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
export const VarName = z.string().regex(VAR_NAME, 'expected a variable name');
export const HttpMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
export const LogLevel = z.enum(['debug', 'info', 'warn', 'error']);
export const PortName = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'expected a port name (letters, digits, _ . -)');
export const WorkflowRef = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected a workflow id');
