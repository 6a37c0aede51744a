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
  const purpose = field('consent_purpose');
  return {
    name: field('name'),
    url: field('url'),
    events: form.get('send_events') === 'on' ? (names.length > 0 ? { names } : {}) : null,
    profile_updates: form.get('profile_updates') === 'on',
    consent_purpose: purpose === '' ? null : purpose,
  };
}
