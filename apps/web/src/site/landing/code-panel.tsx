import type { ReactNode } from 'react';

// Keys, strings and numbers of JSON-like text; everything else is punctuation.
const TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\b\d+(?:\.\d+)?\b)/g;

function highlight(code: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of code.matchAll(TOKEN)) {
    const [text, quoted, colon, number] = match;
    nodes.push(code.slice(last, match.index));
    if (number !== undefined) {
      nodes.push(
        <span key={match.index} className="text-amber-200">
          {number}
        </span>,
      );
    } else if (colon !== undefined) {
      nodes.push(
        <span key={match.index} className="text-sky-300">
          {quoted}
        </span>,
        colon,
      );
    } else {
      nodes.push(
        <span key={match.index} className="text-emerald-300">
          {quoted}
        </span>,
      );
    }
    last = match.index + text.length;
  }
  nodes.push(code.slice(last));
  return nodes;
}

/** A dark panel of example JSON with a title bar, for showing what goes in and out. */
export function CodePanel({
  title,
  caption,
  code,
}: {
  title: string;
  caption: string;
  code: string;
}) {
  return (
    <figure className="overflow-hidden rounded-2xl bg-slate-900 shadow-lg ring-1 ring-white/10">
      <figcaption className="flex flex-wrap items-center justify-between gap-2 border-b border-white/10 px-5 py-3">
        <span className="font-mono text-sm font-medium text-white">{title}</span>
        <span className="text-xs text-slate-400">{caption}</span>
      </figcaption>
      {/* Focusable so keyboard users can scroll it sideways on a narrow screen. */}
      <pre
        tabIndex={0}
        className="overflow-x-auto p-5 font-mono text-xs leading-6 text-slate-300 sm:text-[13px]"
      >
        <code>{highlight(code)}</code>
      </pre>
    </figure>
  );
}
