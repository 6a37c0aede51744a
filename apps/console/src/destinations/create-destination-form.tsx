'use client';

import { useActionState } from 'react';
import type { CreateDestinationState } from '../app/(console)/destinations/actions';
import { ProblemAlert } from '../api/problem-alert';
import { DestinationFields } from './destination-fields';

export interface CreateDestinationFormProps {
  action: (state: CreateDestinationState, form: FormData) => Promise<CreateDestinationState>;
}

/** The create form; a created destination's signing secret is shown here, once. */
export function CreateDestinationForm({ action }: CreateDestinationFormProps) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  return (
    <div>
      <form action={formAction} className="flex max-w-xl flex-col gap-3">
        <DestinationFields />
        <div>
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800 disabled:opacity-60"
          >
            {pending ? 'Creating…' : 'Create destination'}
          </button>
        </div>
      </form>
      <div aria-live="polite" className="mt-4">
        {state.status === 'created' ? (
          <div className="rounded-md border border-green-300 bg-green-50 p-3 text-green-900">
            <p className="font-medium">
              {state.name} created. Its signing secret, shown this once: store it with the receiver.
            </p>
            <code data-testid="destination-secret" className="mt-1 block font-mono break-all">
              {state.secret}
            </code>
            <a
              className="mt-2 inline-block underline"
              href={`/destinations/${state.destinationId}`}
            >
              Open its delivery log
            </a>
          </div>
        ) : null}
        {state.status === 'refused' ? (
          <ProblemAlert detail={state.detail} errors={state.errors} />
        ) : null}
      </div>
    </div>
  );
}
