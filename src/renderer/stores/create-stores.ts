import type { Transport } from '../transport/transport.js';
import { createDesignerStore } from './designer-store.js';
import { createIdentityStore } from './identity-store.js';
import { createInboxStore } from './inbox-store.js';
import { createNavStore, type LocationPort } from './nav-store.js';
import { createPinsStore } from './pins-store.js';
import { createPrefsStore } from './prefs-store.js';
import { createRunsStore } from './runs-store.js';
import { createSampleRunStore } from './sample-run-store.js';
import { pageScripts } from '../sample-run/page-scripts.js';
import { createSecretsStore } from './secrets-store.js';
import type { AppStores } from './stores-context.js';
import { createUiStore } from './ui-store.js';
import { createVersionsStore } from './versions-store.js';
import { createWorkspaceStore } from './workspace-store.js';

/** One store per concern, wired together: the workspace saves what the designer edits and reports through the UI store. */
export function createAppStores(
  transport: Transport,
  storage?: Pick<Storage, 'getItem' | 'setItem'>,
  prefersDark = false,
  location?: LocationPort,
): AppStores {
  const ui = createUiStore({ storage, prefersDark });
  const designer = createDesignerStore();
  const workspace = createWorkspaceStore({ api: transport, designer, ui, storage });
  const pins = createPinsStore(transport);
  return {
    transport,
    designer,
    workspace,
    ui,
    nav: createNavStore(location),
    prefs: createPrefsStore(),
    identity: createIdentityStore(transport, transport.session),
    runs: createRunsStore(transport),
    inbox: createInboxStore(transport),
    secrets: createSecretsStore(transport),
    pins,
    sampleRun: createSampleRunStore({ pins, scripts: pageScripts }),
    versions: createVersionsStore(transport),
  };
}
