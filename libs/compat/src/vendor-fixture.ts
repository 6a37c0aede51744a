/** One request a real vendor client sent, as tools/src/compat/capture-fixtures.ts recorded it. */
export interface VendorFixture {
  /** The client and its version, `posthog-node@5.21.2`. */
  client: string;
  /** The call that made the request (`identify`, `batch`…); also the file's name. */
  call: string;
  request: {
    method: string;
    /** The path the client posted to. */
    path: string;
    /** content-type, content-encoding, authorization and user-agent, as sent. */
    headers: Record<string, string>;
    /** The body, decompressed and parsed. */
    body: unknown;
  };
  /** What the recording server answered, as the vendor's API would. */
  answer: { status: number; body: unknown };
}
