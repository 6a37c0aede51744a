import { CONSENT_PURPOSES } from '@stratum/schemas';
import type { Destination } from '@stratum/schemas';

const INPUT = 'rounded-md border border-slate-400 px-3 py-2';

/**
 * The fields a destination is made of, empty for a new one or filled from a saved one. The
 * types a saved destination takes travel in a hidden field, so an edit keeps them.
 */
export function DestinationFields({ saved }: { saved?: Destination }) {
  return (
    <>
      <label htmlFor="dest-name" className="font-medium">
        Name
      </label>
      <input id="dest-name" name="name" required defaultValue={saved?.name} className={INPUT} />
      <label htmlFor="dest-url" className="font-medium">
        Webhook URL
      </label>
      <input
        id="dest-url"
        name="url"
        type="url"
        required
        defaultValue={saved?.url}
        className={INPUT}
      />
      {saved?.events ? (
        <input type="hidden" name="event_types" value={saved.events.types.join(',')} />
      ) : null}
      <div className="flex items-center gap-2">
        <input
          id="dest-events"
          name="send_events"
          type="checkbox"
          defaultChecked={saved === undefined || saved.events !== null}
        />
        <label htmlFor="dest-events">Send events</label>
      </div>
      <label htmlFor="dest-names" className="font-medium">
        Only these event names (comma-separated; empty: every event)
      </label>
      <input
        id="dest-names"
        name="event_names"
        defaultValue={saved?.events?.names?.join(', ')}
        className={INPUT}
      />
      <div className="flex items-center gap-2">
        <input
          id="dest-profiles"
          name="profile_updates"
          type="checkbox"
          defaultChecked={saved?.profile_updates}
        />
        <label htmlFor="dest-profiles">Send profile updates and merges</label>
      </div>
      <label htmlFor="dest-purpose" className="font-medium">
        Consent purpose a profile must have granted
      </label>
      <select
        id="dest-purpose"
        name="consent_purpose"
        defaultValue={saved?.consent_purpose ?? ''}
        className={INPUT}
      >
        <option value="">none</option>
        {CONSENT_PURPOSES.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
    </>
  );
}
