import { consoleConfig } from '../config';

/** A field a problem names: where in the body, and what is wrong. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** An answer of an API other than 2xx, with the problem's detail and fields when it sent them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: FieldIssue[] = [],
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
  init: { method?: 'GET' | 'POST' | 'PUT' | 'PATCH'; body?: unknown } = {},
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
    const problem = (typeof body === 'object' && body !== null ? body : {}) as {
      detail?: unknown;
      errors?: unknown;
    };
    throw new ApiError(
      response.status,
      typeof problem.detail === 'string' ? problem.detail : response.statusText,
      Array.isArray(problem.errors) ? (problem.errors as FieldIssue[]) : [],
    );
  }
  return body as T;
}
