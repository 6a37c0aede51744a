'use client';

import { useActionState } from 'react';
import type { Destination } from '@stratum/schemas';
import type { EditDestinationState } from '../app/(console)/destinations/actions';
import { ProblemAlert } from '../api/problem-alert';
import { DestinationFields } from './destination-fields';

export interface EditDestinationFormProps {
  destination: Destination;
  action: (state: EditDestinationState, form: FormData) => Promise<EditDestinationState>;
}

/** A saved destination's settings, filled in; saving sends them all (`PATCH`). */
export function EditDestinationForm({ destination, action }: EditDestinationFormProps) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  return (
    <div>
      <form action={formAction} className="flex max-w-xl flex-col gap-3">
        <DestinationFields saved={destination} />
        <div className="flex items-center gap-2">
          <input
            id="dest-enabled"
            name="enabled"
            type="checkbox"
            defaultChecked={destination.enabled}
          />
          <label htmlFor="dest-enabled">Enabled</label>
        </div>
        <div>
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800 disabled:opacity-60"
          >
            {pending ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      </form>
      <div aria-live="polite" className="mt-4">
        {state.status === 'saved' ? (
          <p className="rounded-md border border-green-300 bg-green-50 p-3 text-green-900">
            Saved at {state.updatedAt.replace('T', ' ').slice(0, 19)} UTC.
          </p>
        ) : null}
        {state.status === 'refused' ? (
          <ProblemAlert detail={state.detail} errors={state.errors} />
        ) : null}
      </div>
    </div>
  );
}
