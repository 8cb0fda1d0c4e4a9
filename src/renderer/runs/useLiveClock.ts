import { useEffect, useState } from 'react';

/** Now, ticking every second while `on` (how long the live run's nodes have been going); undefined when off. */
export function useLiveClock(on: boolean, everyMs = 1000): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [on, everyMs]);
  return on ? now : undefined;
}
