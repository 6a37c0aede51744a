'use client';

import { useActionState } from 'react';
import type { SourceKeyState } from '../app/(console)/sources/actions';
import { ProblemAlert } from '../api/problem-alert';

type Action = (state: SourceKeyState, form: FormData) => Promise<SourceKeyState>;

const INPUT = 'rounded-md border border-slate-400 px-3 py-2';

function KeyAnswer({ state }: { state: SourceKeyState }) {
  if (state.status === 'key') {
    return (
      <div className="mt-3 rounded-md border border-green-300 bg-green-50 p-3 text-green-900">
        <p className="font-medium">
          The write key of {state.sourceName}, shown this once (only its hash is stored):
        </p>
        <code data-testid="write-key" className="mt-1 block font-mono break-all">
          {state.writeKey}
        </code>
      </div>
    );
  }
  if (state.status === 'refused') {
    return <ProblemAlert className="mt-3" detail={state.detail} errors={state.errors} />;
  }
  return null;
}

/** Creates a source; shows its write key once. */
export function CreateSourceForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  return (
    <div aria-live="polite">
      <form action={formAction} className="flex max-w-xl flex-col gap-3">
        <label htmlFor="source-name" className="font-medium">
          Name
        </label>
        <input id="source-name" name="name" required className={INPUT} />
        <label htmlFor="source-country" className="font-medium">
          Default country for phone numbers (ISO code, optional)
        </label>
        <input id="source-country" name="default_country" maxLength={2} className={INPUT} />
        <div>
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800 disabled:opacity-60"
          >
            Create source
          </button>
        </div>
      </form>
      <KeyAnswer state={state} />
    </div>
  );
}

/** Rotates a source's write key; shows the new one once. */
export function RotateKeyForm({
  action,
  sourceId,
  sourceName,
}: {
  action: Action;
  sourceId: string;
  sourceName: string;
}) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  return (
    <div aria-live="polite">
      <form action={formAction}>
        <input type="hidden" name="source_id" value={sourceId} />
        <input type="hidden" name="source_name" value={sourceName} />
        <button
          type="submit"
          disabled={pending}
          aria-label={`Rotate the write key of ${sourceName}`}
          className="rounded-md border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100"
        >
          Rotate write key
        </button>
      </form>
      <KeyAnswer state={state} />
    </div>
  );
}
