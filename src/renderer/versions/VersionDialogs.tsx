import { ReplayCheckDialog } from './ReplayCheckDialog.js';
import { VersionCompareDialog } from './VersionCompareDialog.js';

/** The version diff and the replay check, opened from the workflow inspector's Versions section. */
export function VersionDialogs() {
  return (
    <>
      <VersionCompareDialog />
      <ReplayCheckDialog />
    </>
  );
}
