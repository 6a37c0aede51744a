import { useState } from 'react';

type CopyStatus = { query: string; copied: boolean } | undefined;

/** Copies a link that reproduces the current inputs; the status clears once they change. */
export function CopyLinkButton({ query }: { query: string }) {
  const [status, setStatus] = useState<CopyStatus>(undefined);
  // Tied to the query it was made for, so "Link copied" never describes an older link.
  const current = status?.query === query ? status : undefined;

  const copy = async () => {
    const { origin, pathname } = window.location;
    const link = `${origin}${pathname}${query === '' ? '' : `?${query}`}`;
    try {
      await navigator.clipboard.writeText(link);
      setStatus({ query, copied: true });
    } catch {
      setStatus({ query, copied: false });
    }
  };

  return (
    <>
      <button
        type="button"
        onClick={() => void copy()}
        className="inline-flex items-center gap-2 rounded-lg border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 fill-none stroke-current">
          <path
            d="M8.5 11.5a3 3 0 0 0 4.24 0l2.5-2.5a3 3 0 0 0-4.24-4.24l-.7.7M11.5 8.5a3 3 0 0 0-4.24 0l-2.5 2.5a3 3 0 0 0 4.24 4.24l.7-.7"
            strokeWidth="1.6"
            strokeLinecap="round"
          />
        </svg>
        {current?.copied ? 'Link copied' : 'Copy link'}
      </button>
      <span role="status" className="sr-only">
        {current === undefined
          ? ''
          : current.copied
            ? 'A link to these numbers is on your clipboard.'
            : 'Copying failed; the address bar holds the same link.'}
      </span>
    </>
  );
}
