import http from 'node:http';

/** An answer: status and the body as text. */
export interface HttpAnswer {
  status: number;
  body: string;
}

/**
 * A minimal HTTP/1.1 client over keep-alive sockets (node:http, no per-request allocation of
 * a fetch Response): the load generator shares two cores with the system under test and
 * must stay cheap.
 */
export class HttpClient {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(
    baseUrl: string,
    private readonly authorization: string,
    maxSockets: number,
    /** Sent with every request (`prefer: respond-async`). */
    private readonly extraHeaders: Readonly<Record<string, string>> = {},
  ) {
    this.url = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  get(path: string): Promise<HttpAnswer> {
    return this.send('GET', path, undefined);
  }

  postJson(path: string, body: string): Promise<HttpAnswer> {
    return this.send('POST', path, body);
  }

  close(): void {
    this.agent.destroy();
  }

  private async send(method: string, path: string, body: string | undefined): Promise<HttpAnswer> {
    try {
      return await this.sendOnce(method, path, body);
    } catch (error) {
      // A kept-alive socket the server closed as idle just as it was reused: the request never
      // reached the server, so it is sent again, once (as Node's docs advise for reusedSocket).
      if (error instanceof StaleSocketError) return this.sendOnce(method, path, body);
      throw error;
    }
  }

  private sendOnce(method: string, path: string, body: string | undefined): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = {
        ...this.extraHeaders,
        authorization: this.authorization,
      };
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const req = http.request(
        {
          host: this.url.hostname,
          port: this.url.port,
          method,
          path,
          headers,
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) =>
        reject(
          req.reusedSocket && error.code === 'ECONNRESET' ? new StaleSocketError(error) : error,
        ),
      );
      req.end(body);
    });
  }
}

/** A reused socket reset before any answer: the server had closed it as idle. */
class StaleSocketError extends Error {
  constructor(cause: Error) {
    super(cause.message, { cause });
  }
}
