import type { TriggerKind } from '#shared';
import type { ReactElement } from 'react';

/** One icon per trigger kind (same 24×24 stroke grid): a calendar clock for schedules, a bolt for webhooks. */
export const TRIGGER_ICON_PATHS = {
  schedule: (
    <>
      <path d="M11 21H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v5" />
      <path d="M3 9h18M8 2v4M16 2v4" />
      <circle cx="17" cy="17" r="4.5" />
      <path d="M17 15v2l1.3 1.3" />
    </>
  ),
  webhook: <path d="M13 2 4.5 13.5H11L10 22l8.5-11.5H12z" />,
} satisfies Record<TriggerKind, ReactElement>;
