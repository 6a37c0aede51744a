'use client';

import { useActionState } from 'react';
import { CONSENT_PURPOSES } from '@stratum/schemas';
import type { CreateDestinationState } from '../app/(console)/destinations/actions';
import { ProblemAlert } from '../api/problem-alert';

const INPUT = 'rounded-md border border-slate-400 px-3 py-2';

export interface CreateDestinationFormProps {
  action: (state: CreateDestinationState, form: FormData) => Promise<CreateDestinationState>;
}

/** The create form; a created destination's signing secret is shown here, once. */
export function CreateDestinationForm({ action }: CreateDestinationFormProps) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  return (
    <div>
      <form action={formAction} className="flex max-w-xl flex-col gap-3">
        <label htmlFor="dest-name" className="font-medium">
          Name
        </label>
        <input id="dest-name" name="name" required className={INPUT} />
        <label htmlFor="dest-url" className="font-medium">
          Webhook URL
        </label>
        <input id="dest-url" name="url" type="url" required className={INPUT} />
        <div className="flex items-center gap-2">
          <input id="dest-events" name="send_events" type="checkbox" defaultChecked />
          <label htmlFor="dest-events">Send events</label>
        </div>
        <label htmlFor="dest-names" className="font-medium">
          Only these event names (comma-separated; empty: every event)
        </label>
        <input id="dest-names" name="event_names" className={INPUT} />
        <div className="flex items-center gap-2">
          <input id="dest-profiles" name="profile_updates" type="checkbox" />
          <label htmlFor="dest-profiles">Send profile updates and merges</label>
        </div>
        <label htmlFor="dest-purpose" className="font-medium">
          Consent purpose a profile must have granted
        </label>
        <select id="dest-purpose" name="consent_purpose" defaultValue="" className={INPUT}>
          <option value="">none</option>
          {CONSENT_PURPOSES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
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
