import type { HistoryEvent } from '#shared';
import { memo, useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PLAY_SPEEDS } from '../stores/run-view-store.js';
import { Icon } from '../ui/Icon.js';
import { EventList } from './EventList.js';
import { useRunView, useRunViewStore } from './run-view-context.js';

const NO_EVENTS: readonly HistoryEvent[] = [];

/** The run's timeline: a slider over its events, step and play controls, and the event list. */
export const Timeline = memo(function Timeline({ seq, live }: { seq: number; live: boolean }) {
  const store = useRunViewStore();
  const { events, playing, speed, following, divergedSeq } = useRunView(
    useShallow((s) => ({
      events: s.timeline?.events ?? NO_EVENTS,
      playing: s.playing,
      speed: s.speed,
      following: s.selected === null,
      divergedSeq: s.replay !== null && !s.replay.verdict.clean ? s.replay.verdict.seq : undefined,
    })),
  );
  const last = events.length;
  const select = useCallback((next: number) => store.getState().select(next), [store]);
  const current = events[seq - 1];

  return (
    <section className="timeline" aria-label="Timeline" data-testid="timeline">
      <div className="timeline-bar">
        <div className="timeline-buttons">
          <button
            type="button"
            className="btn btn-ghost btn-sm btn-icon"
            aria-label="First event"
            title="First event (Home)"
            disabled={seq <= 1}
            onClick={() => select(1)}
          >
            <Icon name="stepBack" size={15} />
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-sm btn-icon"
            aria-label="Previous event"
            title="Previous event (←)"
            data-testid="timeline-prev"
            disabled={seq <= 1}
            onClick={() => store.getState().step(-1)}
          >
            <Icon name="chevronDown" size={16} className="rotate-90" />
          </button>
          <button
            type="button"
            className="btn btn-sm btn-icon timeline-play"
            aria-label={playing ? 'Pause' : 'Play'}
            title={playing ? 'Pause (Space)' : 'Play (Space)'}
            data-testid="timeline-play"
            disabled={last === 0}
            onClick={() => store.getState().setPlaying(!playing)}
          >
            <Icon name={playing ? 'pause' : 'play'} size={14} />
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-sm btn-icon"
            aria-label="Next event"
            title="Next event (→)"
            data-testid="timeline-next"
            disabled={seq >= last}
            onClick={() => store.getState().step(1)}
          >
            <Icon name="chevronDown" size={16} className="rotate-270" />
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-sm btn-icon"
            aria-label="Last event"
            title="Last event (End)"
            disabled={seq >= last && following}
            onClick={() => store.getState().select(null)}
          >
            <Icon name="stepForward" size={15} />
          </button>
          <select
            className="select timeline-speed"
            aria-label="Playback speed"
            value={speed}
            onChange={(event) => store.getState().setSpeed(Number(event.target.value))}
          >
            {PLAY_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s} ev/s
              </option>
            ))}
          </select>
        </div>
        <div className="timeline-slider">
          <input
            type="range"
            className="timeline-range"
            min={1}
            max={Math.max(1, last)}
            step={1}
            value={Math.max(1, seq)}
            aria-label="Event"
            aria-valuetext={`event ${seq} of ${last}`}
            data-testid="timeline-slider"
            disabled={last === 0}
            onChange={(event) => select(Number(event.target.value))}
          />
          {divergedSeq !== undefined && last > 1 && (
            <span
              className="timeline-mark"
              style={{ left: `calc(7px + (100% - 14px) * ${(divergedSeq - 1) / (last - 1)})` }}
              title={`diverges at #${divergedSeq}`}
              data-testid="timeline-divergence"
            />
          )}
        </div>
        <div className="timeline-position" data-testid="timeline-position" data-seq={seq}>
          <span className="timeline-seq">
            #{seq}
            <span className="timeline-of"> / {last}</span>
          </span>
          <span className="timeline-type">
            {current === undefined ? '' : `${current.type}${current.node === undefined ? '' : ` · ${current.node}`}`}
          </span>
        </div>
        {live && (
          <button
            type="button"
            className={`btn btn-sm timeline-live ${following ? 'is-on' : ''}`}
            aria-pressed={following}
            title="Follow new events as they arrive"
            data-testid="timeline-live"
            onClick={() => store.getState().select(null)}
          >
            <Icon name="live" size={14} /> Live
          </button>
        )}
      </div>
      <EventList events={events} selected={seq} divergedSeq={divergedSeq} onSelect={select} />
    </section>
  );
});
