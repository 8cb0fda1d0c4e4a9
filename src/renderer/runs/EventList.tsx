import type { HistoryEvent } from '#shared';
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { describeEvent, eventTone } from '../run-model/event-text.js';
import { formatOffset } from '../run-model/run-format.js';

const ROW_H = 26;
const OVERSCAN = 8;

interface EventListProps {
  events: readonly HistoryEvent[];
  selected: number;
  divergedSeq: number | undefined;
  onSelect: (seq: number) => void;
}

/** The run's events, one row each; only the rows in view are in the page, so 10,000 events scroll smoothly. */
export const EventList = memo(function EventList({ events, selected, divergedSeq, onSelect }: EventListProps) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(240);

  useLayoutEffect(() => {
    const el = box.current;
    if (el === null) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Keep the selected event in view (centred when it jumps far). Computed from the scroll
  // state, not read from the DOM: a read here would force a layout of the whole page on
  // every step of a drag. The scroll itself happens with the next frame.
  const view = useRef({ scrollTop, height });
  view.current = { scrollTop, height };
  useEffect(() => {
    const el = box.current;
    if (el === null || selected < 1) return;
    const { scrollTop: top0, height: h } = view.current;
    const top = (selected - 1) * ROW_H;
    if (top >= top0 + ROW_H && top <= top0 + h - 2 * ROW_H) return;
    const near = top >= top0 - 4 * ROW_H && top <= top0 + h + 4 * ROW_H;
    const target = near ? (top < top0 + ROW_H ? top - ROW_H : top - h + 2 * ROW_H) : top - h / 2;
    const frame = requestAnimationFrame(() => {
      el.scrollTop = Math.max(0, target);
    });
    return () => cancelAnimationFrame(frame);
  }, [selected]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(events.length, Math.ceil((scrollTop + height) / ROW_H) + OVERSCAN);
  const t0 = events.length > 0 ? Date.parse(events[0]?.at ?? '') : 0;
  const rows = events.slice(first, last);

  return (
    <div
      ref={box}
      className="event-list"
      role="listbox"
      aria-label="Run events"
      data-testid="event-list"
      tabIndex={-1}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div className="event-list-space" style={{ height: events.length * ROW_H }}>
        {rows.map((event) => (
          <EventRow
            key={event.seq}
            event={event}
            t0={t0}
            selected={event.seq === selected}
            future={event.seq > selected}
            diverged={event.seq === divergedSeq}
            onSelect={onSelect}
          />
        ))}
      </div>
    </div>
  );
});

interface EventRowProps {
  event: HistoryEvent;
  t0: number;
  selected: boolean;
  future: boolean;
  diverged: boolean;
  onSelect: (seq: number) => void;
}

const EventRow = memo(function EventRow({ event, t0, selected, future, diverged, onSelect }: EventRowProps) {
  const text = describeEvent(event);
  return (
    <div
      className={`event-row tone-${eventTone(event.type)} ${selected ? 'is-selected' : ''} ${future ? 'is-future' : ''} ${diverged ? 'is-diverged' : ''}`}
      style={{ top: (event.seq - 1) * ROW_H }}
      role="option"
      aria-selected={selected}
      data-testid={`event-${event.seq}`}
      data-type={event.type}
      onClick={() => onSelect(event.seq)}
    >
      <span className="event-seq">#{event.seq}</span>
      <span className="event-time">{formatOffset(Date.parse(event.at) - t0)}</span>
      <span className="event-type">{event.type}</span>
      <span className="event-node">{event.node ?? ''}</span>
      <span className="event-text" title={text}>
        {text}
      </span>
      {diverged && <span className="event-diverged">diverges here</span>}
    </div>
  );
});
