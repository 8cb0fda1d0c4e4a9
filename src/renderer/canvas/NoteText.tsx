import type { ReactNode } from 'react';

/**
 * A sticky note's Markdown, drawn with the basics only — headings (`#`), bullet lists (`-`, `*`),
 * paragraphs, **bold** and `code` — as React elements (never as HTML). Anything else reads as the
 * plain text it is.
 */
export function NoteText({ text }: { text: string }) {
  const blocks = text.split(/\n\s*\n/).filter((block) => block.trim() !== '');
  if (blocks.length === 0) return <p className="note-placeholder">Empty note — edit it in the inspector</p>;
  return <>{blocks.map((block, i) => renderBlock(block, i))}</>;
}

type Run = { kind: 'heading'; level: number; text: string } | { kind: 'list' | 'text'; lines: string[] };

/** A block's lines as headings, runs of bullet lines and runs of other lines. */
function runsOf(block: string): Run[] {
  const runs: Run[] = [];
  for (const line of block.split('\n')) {
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    if (heading !== null) {
      runs.push({ kind: 'heading', level: heading[1]?.length ?? 1, text: heading[2] ?? '' });
      continue;
    }
    const kind = /^\s*[-*]\s+/.test(line) ? 'list' : 'text';
    const last = runs.at(-1);
    if (last !== undefined && last.kind === kind) last.lines.push(line.replace(/^\s*[-*]\s+/, ''));
    else runs.push({ kind, lines: [kind === 'list' ? line.replace(/^\s*[-*]\s+/, '') : line] });
  }
  return runs;
}

function renderBlock(block: string, key: number): ReactNode {
  return runsOf(block).map((run, i) => {
    const id = `${key}.${i}`;
    if (run.kind === 'heading')
      return run.level === 1 ? <h3 key={id}>{inline(run.text)}</h3> : <h4 key={id}>{inline(run.text)}</h4>;
    if (run.kind === 'list')
      return (
        <ul key={id}>
          {run.lines.map((line, j) => (
            <li key={j}>{inline(line)}</li>
          ))}
        </ul>
      );
    return (
      <p key={id}>
        {run.lines.map((line, j) => (
          <span key={j}>
            {j > 0 && <br />}
            {inline(line)}
          </span>
        ))}
      </p>
    );
  });
}

function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*|`[^`]+`)/).map((part, i) => {
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4)
      return <strong key={i}>{part.slice(2, -2)}</strong>;
    if (part.startsWith('`') && part.endsWith('`') && part.length > 2) return <code key={i}>{part.slice(1, -1)}</code>;
    return part;
  });
}
