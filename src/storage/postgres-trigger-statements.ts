import type { QueryConfig } from 'pg';
import type { ScheduleState } from '#engine';
import { RUN_COLUMNS } from './postgres-statements.js';

/** Statements of the TriggerStore part of the PostgreSQL store (schedule states, deployments). */

export const selectTriggeredRun = (workflowId: string, triggerId: string, key: string) =>
  ({
    text: `SELECT ${RUN_COLUMNS} FROM runs WHERE workflow_id = $1 AND trigger_id = $2 AND trigger_key = $3`,
    values: [workflowId, triggerId, key],
  }) satisfies QueryConfig;

export const selectScheduleState = (workflowId: string, triggerId: string) =>
  ({
    text: `SELECT signature, next_fire_at AS "nextFireAt", pending, version FROM schedule_states
           WHERE workflow_id = $1 AND trigger_id = $2`,
    values: [workflowId, triggerId],
  }) satisfies QueryConfig;

/** Compare-and-set on version: 0 inserts the first state, unless a racing writer inserted it first. */
export function putScheduleState(
  workflowId: string,
  triggerId: string,
  state: Omit<ScheduleState, 'version'>,
  expectedVersion: number,
): QueryConfig {
  const values = [workflowId, triggerId, state.signature, state.nextFireAt, state.pending];
  if (expectedVersion === 0)
    return {
      text: `INSERT INTO schedule_states (workflow_id, trigger_id, signature, next_fire_at, pending, version)
             VALUES ($1, $2, $3, $4, $5, 1) ON CONFLICT DO NOTHING`,
      values,
    };
  return {
    text: `UPDATE schedule_states SET signature = $3, next_fire_at = $4, pending = $5, version = version + 1
           WHERE workflow_id = $1 AND trigger_id = $2 AND version = $6`,
    values: [...values, expectedVersion],
  };
}

export const upsertDeployed = (id: string, document: string, deployedAt: string) =>
  ({
    text: `INSERT INTO deployed_workflows (id, document, deployed_at) VALUES ($1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET document = excluded.document, deployed_at = excluded.deployed_at`,
    values: [id, document, deployedAt],
  }) satisfies QueryConfig;

export const deleteDeployed = (id: string) =>
  ({ text: 'DELETE FROM deployed_workflows WHERE id = $1', values: [id] }) satisfies QueryConfig;

export const selectDeployed = () =>
  ({
    text: 'SELECT document, deployed_at AS "deployedAt" FROM deployed_workflows ORDER BY id',
  }) satisfies QueryConfig;
