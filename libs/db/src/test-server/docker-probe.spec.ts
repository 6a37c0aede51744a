import { createServer as createHttpServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerAnswers, findDockerEndpoint } from './docker-probe';
import { findFreePort } from './free-port';

describe('findDockerEndpoint', () => {
  const none = () => false;
  const some = () => true;

  it.each([
    ['unix:///run/user/1000/docker.sock', none, { socketPath: '/run/user/1000/docker.sock' }],
    ['tcp://10.0.0.5:2376', none, { host: '10.0.0.5', port: 2376 }],
    ['tcp://docker', none, { host: 'docker', port: 2375 }],
    ['not a url', none, undefined],
    [undefined, some, { socketPath: '/var/run/docker.sock' }],
    ['', some, { socketPath: '/var/run/docker.sock' }],
    [undefined, none, undefined],
  ])('DOCKER_HOST=%p gives the expected endpoint', (dockerHost, exists, expected) => {
    expect(findDockerEndpoint(dockerHost, exists)).toEqual(expected);
  });
});

describe('dockerAnswers', () => {
  async function listenOnSocket(status: number): Promise<{ socketPath: string; server: Server }> {
    const socketPath = join(tmpdir(), `docker-probe-${process.pid}-${status}.sock`);
    const server = createHttpServer((req, res) => {
      res.statusCode = req.url === '/_ping' ? status : 404;
      res.end('OK');
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    return { socketPath, server };
  }

  it('is true when the engine answers its ping on the socket', async () => {
    const { socketPath, server } = await listenOnSocket(200);
    try {
      expect(await dockerAnswers({ socketPath })).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('is false when the ping fails, or nothing listens', async () => {
    const { socketPath, server } = await listenOnSocket(500);
    try {
      expect(await dockerAnswers({ socketPath })).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await dockerAnswers({ socketPath: join(tmpdir(), 'no-such-docker.sock') })).toBe(false);
    expect(await dockerAnswers(undefined)).toBe(false);
  });

  it('gives up on a socket that never answers within the timeout', async () => {
    const socketPath = join(tmpdir(), `docker-probe-${process.pid}-silent.sock`);
    const sockets: Socket[] = [];
    const server = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    const started = Date.now();
    try {
      expect(await dockerAnswers({ socketPath }, 200)).toBe(false);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('checks that a TCP endpoint accepts connections', async () => {
    const server = createTcpServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await dockerAnswers({ host: '127.0.0.1', port })).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await dockerAnswers({ host: '127.0.0.1', port: await findFreePort() })).toBe(false);
  });
});
