import type { RunListItem, RunStatus } from '#shared';
import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { durationChart } from '../run-model/duration-chart.js';
import { formatDuration, formatTimestamp } from '../run-model/run-format.js';

const BOX = { height: 150, left: 52, right: 14, top: 12, bottom: 24 };
const ORDER: readonly RunStatus[] = ['completed', 'failed', 'cancelled', 'waiting', 'running'];

/** Durations (log scale) and outcomes of the runs shown, over their start time: a hand-drawn SVG. */
export const DurationChart = memo(function DurationChart({
  runs,
  title,
  onOpen,
}: {
  runs: readonly RunListItem[];
  title: string;
  onOpen: (runId: string) => void;
}) {
  const frame = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(900);
  useLayoutEffect(() => {
    const el = frame.current;
    if (el === null) return;
    const measure = (): void => setWidth(Math.max(320, Math.round(el.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const box = useMemo(() => ({ ...BOX, width }), [width]);
  const model = useMemo(() => durationChart(runs, Date.now(), box), [runs, box]);
  const plotBottom = BOX.height - BOX.bottom;
  return (
    <section className="chart-card" aria-label="Run durations and outcomes" data-testid="runs-chart">
      <header className="chart-head">
        <h2 className="chart-title">{title}</h2>
        <div className="chart-legend">
          {ORDER.filter((s) => model.counts[s] > 0).map((s) => (
            <span key={s} className={`legend-item status-${s}`}>
              <span className="legend-dot" />
              {model.counts[s]} {s}
            </span>
          ))}
        </div>
      </header>
      <div ref={frame} className="chart-frame">
        {model.points.length === 0 ? (
          <div className="chart-empty">No runs to chart yet.</div>
        ) : (
          <svg
            className="chart-svg"
            width={box.width}
            height={BOX.height}
            viewBox={`0 0 ${box.width} ${BOX.height}`}
            role="img"
            aria-label={`${runs.length} runs`}
          >
            {model.yTicks.map((t) => (
              <g key={t.label}>
                <line className="chart-grid" x1={BOX.left} x2={box.width - BOX.right} y1={t.at} y2={t.at} />
                <text className="chart-label" x={BOX.left - 6} y={t.at + 3} textAnchor="end">
                  {t.label}
                </text>
              </g>
            ))}
            <line className="chart-axis" x1={BOX.left} x2={box.width - BOX.right} y1={plotBottom} y2={plotBottom} />
            {model.xTicks.map((t, i) => (
              <text
                key={`${t.label}:${i}`}
                className="chart-label"
                x={t.at}
                y={BOX.height - 6}
                textAnchor={i === 0 ? 'start' : i === model.xTicks.length - 1 ? 'end' : 'middle'}
              >
                {t.label}
              </text>
            ))}
            {model.points.map((p) => (
              <circle
                key={p.id}
                className={`chart-point status-${p.status} ${p.handled ? 'is-handled' : ''} ${p.open ? 'is-open' : ''}`}
                cx={p.x}
                cy={p.y}
                r={4.5}
                onClick={() => onOpen(p.id)}
              >
                <title>{`${p.id} · ${p.handled ? 'completed with handled errors' : p.status} · ${formatDuration(p.durationMs)}${p.open ? ' so far' : ''}`}</title>
              </circle>
            ))}
          </svg>
        )}
      </div>
      {model.points.length > 0 && (
        <div className="chart-foot">
          {runs.length} runs · latest {formatTimestamp(runs[0]?.startedAt ?? '')}
        </div>
      )}
    </section>
  );
});
