import { memo } from 'react';
import type { Route } from '../run-model/run-route.js';
import { useInbox, useNav, useStores } from '../stores/stores-context.js';
import { Icon, type IconName } from '../ui/Icon.js';

const TABS: readonly { page: 'designer' | 'runs' | 'inbox'; label: string; icon: IconName }[] = [
  { page: 'designer', label: 'Designer', icon: 'designer' },
  { page: 'runs', label: 'Runs', icon: 'runs' },
  { page: 'inbox', label: 'Inbox', icon: 'inbox' },
];

function section(route: Route): 'designer' | 'runs' | 'inbox' {
  return route.page === 'run' ? 'runs' : route.page;
}

/** Designer | Runs | Inbox (with the number of approvals waiting). */
export const NavTabs = memo(function NavTabs() {
  const { nav } = useStores();
  const current = useNav((s) => section(s.route));
  const waiting = useInbox((s) => s.approvals.length);
  return (
    <nav className="nav-tabs" aria-label="Pages">
      {TABS.map((tab) => (
        <button
          key={tab.page}
          type="button"
          className={`nav-tab ${current === tab.page ? 'is-current' : ''}`}
          aria-current={current === tab.page ? 'page' : undefined}
          data-testid={`nav-${tab.page}`}
          onClick={() => nav.getState().navigate({ page: tab.page })}
        >
          <Icon name={tab.icon} size={15} />
          {tab.label}
          {tab.page === 'inbox' && waiting > 0 && (
            <span className="nav-count" data-testid="inbox-count" aria-label={`${waiting} waiting`}>
              {waiting}
            </span>
          )}
        </button>
      ))}
    </nav>
  );
});
