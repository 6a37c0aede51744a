import { consoleConfig } from '../config';

/** An answer of an API other than 2xx, with the problem's detail when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(`API answered ${status}: ${detail}`);
  }
}

type Api = 'admin' | 'profile';

function baseUrl(api: Api): string {
  const config = consoleConfig();
  return api === 'admin' ? config.ADMIN_API_URL : config.PROFILE_API_URL;
}

/**
 * Calls one of the APIs from the server with the signed-in tenant's key (the browser never
 * sees it) and returns the JSON answer.
 * @throws ApiError for any status but 2xx
 */
export async function callApi<T>(
  api: Api,
  path: string,
  apiKey: string,
  init: { method?: 'GET' | 'POST'; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(new URL(path, baseUrl(api)), {
    method: init.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${apiKey}`,
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    cache: 'no-store',
  });
  const text = await response.text();
  const body = text === '' ? undefined : (JSON.parse(text) as unknown);
  if (!response.ok) {
    const detail =
      typeof body === 'object' && body !== null && 'detail' in body
        ? String(body.detail)
        : response.statusText;
    throw new ApiError(response.status, detail);
  }
  return body as T;
}
