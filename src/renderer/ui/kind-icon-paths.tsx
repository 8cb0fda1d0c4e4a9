import type { NodeKind } from '#shared';
import type { ReactElement } from 'react';

/** One icon per node kind (24×24 grid, stroked with currentColor); a kind without one fails to compile. */
export const KIND_ICON_PATHS = {
  start: <path d="M8 5v14l11-7z" />,
  end: <rect x="6" y="6" width="12" height="12" rx="2" />,
  fail: (
    <>
      <path d="M8 3h8l5 5v8l-5 5H8l-5-5V8z" />
      <path d="m9 9 6 6M15 9l-6 6" />
    </>
  ),
  transform: (
    <>
      <path d="M4 7h12" />
      <path d="m13 4 3 3-3 3" />
      <path d="M20 17H8" />
      <path d="m11 14-3 3 3 3" />
    </>
  ),
  set: (
    <>
      <path d="M4 7h5M4 12h5M4 17h5" />
      <path d="M13 10h7M13 14h7" />
    </>
  ),
  script: (
    <>
      <path d="m8 8-4 4 4 4" />
      <path d="m16 8 4 4-4 4" />
      <path d="m13.5 5-3 14" />
    </>
  ),
  http: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18" />
      <path d="M12 3a14 14 0 0 1 0 18 14 14 0 0 1 0-18z" />
    </>
  ),
  log: (
    <>
      <path d="M6 3h9l4 4v14H6z" />
      <path d="M9 11h7M9 15h7M9 7h3" />
    </>
  ),
  delay: (
    <>
      <circle cx="12" cy="13" r="8" />
      <path d="M12 9v4l2.5 2.5" />
      <path d="M9 2h6" />
    </>
  ),
  condition: (
    <>
      <path d="M12 3 21 12 12 21 3 12z" />
      <path d="M12 9v4M12 16h.01" />
    </>
  ),
  switch: (
    <>
      <path d="M4 12h5" />
      <path d="M9 12c3 0 3-6 6-6h5" />
      <path d="M9 12h11" />
      <path d="M9 12c3 0 3 6 6 6h5" />
    </>
  ),
  parallel: (
    <>
      <path d="M3 12h4" />
      <path d="M7 12V6h13M7 12v6h13M7 12h13" />
    </>
  ),
  join: (
    <>
      <path d="M21 12h-4" />
      <path d="M17 12V6H4M17 12v6H4M17 12H4" />
    </>
  ),
  approval: (
    <>
      <circle cx="9" cy="8" r="4" />
      <path d="M3 20a6 6 0 0 1 12 0" />
      <path d="m16 11 2 2 4-4" />
    </>
  ),
  wait: (
    <>
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10 21a2 2 0 0 0 4 0" />
    </>
  ),
  subflow: (
    <>
      <rect x="3" y="3" width="18" height="18" rx="3" />
      <rect x="8" y="8" width="8" height="8" rx="1.5" />
    </>
  ),
  forEach: (
    <>
      <path d="M17 2l3 3-3 3" />
      <path d="M4 11V9a4 4 0 0 1 4-4h12" />
      <path d="M7 22l-3-3 3-3" />
      <path d="M20 13v2a4 4 0 0 1-4 4H4" />
    </>
  ),
} satisfies Record<NodeKind, ReactElement>;
