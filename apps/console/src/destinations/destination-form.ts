import { formText } from '../api/form-text';

/**
 * The body of `POST /api/v1/cdp/destinations` from the console's form: what a user fills
 * in, passed on as typed (the API validates it and names what it refuses).
 */
export function destinationBody(form: FormData): Record<string, unknown> {
  const field = (name: string) => formText(form, name);
  const names = field('event_names')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  // Only an edit carries the types (hidden): the form itself filters by name alone.
  const types = field('event_types') === '' ? {} : { types: field('event_types').split(',') };
  const purpose = field('consent_purpose');
  return {
    name: field('name'),
    url: field('url'),
    events:
      form.get('send_events') === 'on'
        ? { ...types, ...(names.length > 0 ? { names } : {}) }
        : null,
    profile_updates: form.get('profile_updates') === 'on',
    consent_purpose: purpose === '' ? null : purpose,
  };
}

/** The body of `PATCH /api/v1/cdp/destinations/{id}`: every field of the form, and whether it is on. */
export function destinationPatch(form: FormData): Record<string, unknown> {
  return { ...destinationBody(form), enabled: form.get('enabled') === 'on' };
}
