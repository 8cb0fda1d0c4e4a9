import Markdown, { type Components } from 'react-markdown';

/** What a note may contain: text formatting only (no links, images or raw HTML; react-markdown never renders HTML). */
const ALLOWED = [
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'blockquote',
  'br',
  'hr',
];

/** A note's headings are small: a card's title is the largest text on the canvas. */
const COMPONENTS: Components = {
  h1: ({ children }) => <h3>{children}</h3>,
  h2: ({ children }) => <h4>{children}</h4>,
  h3: ({ children }) => <h4>{children}</h4>,
};

/** A sticky note's Markdown (CommonMark via react-markdown), formatting only; links and images read as their text. */
export function NoteText({ text }: { text: string }) {
  if (text.trim() === '') return <p className="note-placeholder">Empty note — edit it in the inspector</p>;
  return (
    <Markdown allowedElements={ALLOWED} unwrapDisallowed components={COMPONENTS}>
      {text}
    </Markdown>
  );
}
