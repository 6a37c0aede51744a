/** A running PostgreSQL server used by a test run, and how to stop it. */
export interface TestServer {
  kind: 'embedded' | 'container' | 'external';
  /** URL of the server's maintenance database. */
  url: string;
  stop(): Promise<void>;
}
