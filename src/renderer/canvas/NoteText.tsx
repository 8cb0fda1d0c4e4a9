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

function renderBlock(block: string, key: number): ReactNode {
  const lines = block.split('\n');
  const heading = /^(#{1,3})\s+(.*)$/.exec(lines[0] ?? '');
  if (heading !== null && lines.length === 1) {
    const level = heading[1]?.length ?? 1;
    return level === 1 ? <h3 key={key}>{inline(heading[2] ?? '')}</h3> : <h4 key={key}>{inline(heading[2] ?? '')}</h4>;
  }
  if (lines.every((line) => /^\s*[-*]\s+/.test(line))) {
    return (
      <ul key={key}>
        {lines.map((line, i) => (
          <li key={i}>{inline(line.replace(/^\s*[-*]\s+/, ''))}</li>
        ))}
      </ul>
    );
  }
  return (
    <p key={key}>
      {lines.map((line, i) => (
        <span key={i}>
          {i > 0 && <br />}
          {inline(line)}
        </span>
      ))}
    </p>
  );
}

function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*|`[^`]+`)/).map((part, i) => {
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4)
      return <strong key={i}>{part.slice(2, -2)}</strong>;
    if (part.startsWith('`') && part.endsWith('`') && part.length > 2) return <code key={i}>{part.slice(1, -1)}</code>;
    return part;
  });
}
