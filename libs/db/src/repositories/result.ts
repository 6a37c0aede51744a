/** An expected outcome as a value: the result, or the reason there is none. */
export type RepoResult<T, E extends string> = { ok: true; value: T } | { ok: false; error: E };
