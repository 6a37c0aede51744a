import { consoleConfig } from '../../../config';
import { getSession } from '../../../session/session';

// A live connection: never cached, never prerendered.
export const dynamic = 'force-dynamic';

/**
 * The live stream for the browser: the profile API's server-sent events, read here with the
 * session's key (which the browser never holds) and passed through as they come. Ends when
 * the browser goes away. 401 without a valid session.
 */
export async function GET(request: Request): Promise<Response> {
  const session = await getSession();
  if (session.apiKey === undefined || (session.expiresAt ?? 0) <= Date.now()) {
    return new Response('Sign in first', { status: 401 });
  }
  const incoming = new URL(request.url);
  const upstream = new URL('/api/v1/cdp/stream', consoleConfig().PROFILE_API_URL);
  upstream.searchParams.set(
    'types',
    incoming.searchParams.get('types') ?? 'event.received,profile.merged,segment.entered',
  );
  const answer = await fetch(upstream, {
    headers: { Authorization: `Bearer ${session.apiKey}`, Accept: 'text/event-stream' },
    signal: request.signal,
    cache: 'no-store',
  });
  if (!answer.ok || answer.body === null) {
    return new Response('The live stream is not available', { status: 502 });
  }
  return new Response(answer.body, {
    headers: {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    },
  });
}
