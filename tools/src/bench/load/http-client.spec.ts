import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient } from './http-client';

/** A server that resets a socket on its `resetAt`-th request (1-based), else answers 200. */
async function resettingServer(resetAt: number) {
  let requests = 0;
  const perSocket = new WeakMap<object, number>();
  const server = http.createServer((req, res) => {
    requests += 1;
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    if (n === resetAt) {
      req.socket.destroy();
      return;
    }
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('HttpClient', () => {
  it('sends again, once, a request whose kept-alive socket was reset before any answer', async () => {
    const server = await resettingServer(2);
    const client = new HttpClient(server.url, 'Bearer x', 1);
    try {
      expect(await client.get('/a')).toEqual({ status: 200, body: 'ok' });
      // Reused socket, reset: sent again on a new one.
      expect(await client.get('/b')).toEqual({ status: 200, body: 'ok' });
      expect(server.requests()).toBe(3);
    } finally {
      client.close();
      await server.close();
    }
  });

  it('does not send again when a new socket is reset', async () => {
    const server = await resettingServer(1);
    const client = new HttpClient(server.url, 'Bearer x', 1);
    try {
      await expect(client.get('/a')).rejects.toThrow();
      expect(server.requests()).toBe(1);
    } finally {
      client.close();
      await server.close();
    }
  });
});
