import { StrictMode } from 'react';
import { config as zodConfig } from 'zod';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { createAppStores } from './stores/create-stores.js';
import { windowLocation } from './stores/nav-store.js';
import { pickTransport } from './transport/pick-transport.js';
import './styles/tokens.css';
import './styles/base.css';
import './styles/run-atoms.css';

// zod's JIT probes `new Function`, which the page's Content-Security-Policy forbids.
zodConfig({ jitless: true });

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

const stores = createAppStores(
  pickTransport(),
  window.localStorage,
  window.matchMedia('(prefers-color-scheme: dark)').matches,
  windowLocation(window),
);

createRoot(root).render(
  <StrictMode>
    <App stores={stores} />
  </StrictMode>,
);
