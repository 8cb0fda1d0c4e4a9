import { changeLines, type DiffMark } from '../model/version-compare.js';
import { useStores, useVersions } from '../stores/stores-context.js';
import { Modal } from '../ui/Modal.js';
import { DiffCanvas } from './DiffCanvas.js';
import './versions.css';

const MARK_LABELS: Record<DiffMark, string> = { added: 'Added', removed: 'Removed', changed: 'Changed' };
const MARKS: readonly DiffMark[] = ['added', 'removed', 'changed'];
const NO_VERSIONS: readonly { version: number }[] = [];

/** Two saved versions on one canvas, with a legend and the list of changes. */
export function VersionCompareDialog() {
  const compare = useVersions((s) => s.compare);
  const versions = useVersions((s) => s.list?.versions ?? NO_VERSIONS);
  const { versions: store } = useStores();
  if (compare === null) return null;
  const { from, to, comparison } = compare;
  const lines = comparison === null ? [] : changeLines(comparison.diff);
  const counts = new Map(MARKS.map((mark) => [mark, lines.filter((l) => l.mark === mark).length]));
  const pick = (which: 'from' | 'to', value: string) => {
    const version = Number(value);
    void store.getState().openCompare(which === 'from' ? version : from, which === 'to' ? version : to);
  };
  const picker = (which: 'from' | 'to', value: number) => (
    <select
      className="select version-picker"
      aria-label={which === 'from' ? 'Older version' : 'Newer version'}
      value={value}
      onChange={(e) => pick(which, e.target.value)}
    >
      {versions.map((v) => (
        <option key={v.version} value={v.version}>
          v{v.version}
        </option>
      ))}
    </select>
  );

  return (
    <Modal
      title="Compare versions"
      width={1080}
      onClose={() => store.getState().closeCompare()}
      testId="version-compare"
    >
      <div className="version-compare">
        <div className="version-compare-bar">
          <span>From</span>
          {picker('from', from)}
          <span>to</span>
          {picker('to', to)}
          <ul className="diff-legend" aria-label="Legend">
            {MARKS.map((mark) => (
              <li key={mark} className={`diff-legend-item diff-${mark}`} data-testid={`diff-count-${mark}`}>
                <span className="diff-swatch" aria-hidden="true" />
                {MARK_LABELS[mark]} {counts.get(mark) ?? 0}
              </li>
            ))}
          </ul>
        </div>
        {compare.status === 'loading' && (
          <p className="field-hint">
            Loading v{from} and v{to}…
          </p>
        )}
        {compare.status === 'error' && (
          <p className="field-problem sev-error" role="alert">
            {compare.error}
          </p>
        )}
        {comparison !== null && (
          <div className="version-compare-body">
            <DiffCanvas key={`${from}:${to}`} comparison={comparison} />
            <ol className="diff-changes" data-testid="diff-changes">
              {lines.length === 0 && <li className="field-hint">No change but the layout.</li>}
              {lines.map((line, i) => (
                <li key={i} className={`diff-change diff-${line.mark}`}>
                  <span className="diff-swatch" aria-hidden="true" />
                  <span className="diff-change-text">{line.text}</span>
                </li>
              ))}
            </ol>
          </div>
        )}
      </div>
    </Modal>
  );
}
