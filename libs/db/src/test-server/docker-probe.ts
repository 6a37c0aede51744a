import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';

const DEFAULT_SOCKET = '/var/run/docker.sock';

/** Where a Docker engine would be, according to `DOCKER_HOST` or the default socket. */
export type DockerEndpoint = { socketPath: string } | { host: string; port: number };

/** Reads `DOCKER_HOST` (`unix://…` or `tcp://host:port`), else the default socket if present. */
export function findDockerEndpoint(
  dockerHost: string | undefined,
  socketExists: (path: string) => boolean = existsSync,
): DockerEndpoint | undefined {
  if (dockerHost !== undefined && dockerHost !== '') {
    if (dockerHost.startsWith('unix://')) return { socketPath: dockerHost.slice('unix://'.length) };
    if (!URL.canParse(dockerHost)) return undefined;
    const url = new URL(dockerHost);
    if (url.hostname === '') return undefined;
    return { host: url.hostname, port: url.port === '' ? 2375 : Number(url.port) };
  }
  return socketExists(DEFAULT_SOCKET) ? { socketPath: DEFAULT_SOCKET } : undefined;
}

function pingSocket(socketPath: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { socketPath, path: '/_ping', method: 'GET', timeout: timeoutMs },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

// A TCP endpoint may speak TLS, so only reachability is checked; Testcontainers does the rest.
function reachTcp(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
  });
}

/** Whether a Docker engine answers at `endpoint` within `timeoutMs`. Never throws. */
export async function dockerAnswers(
  endpoint: DockerEndpoint | undefined,
  timeoutMs = 1_500,
): Promise<boolean> {
  if (endpoint === undefined) return false;
  return 'socketPath' in endpoint
    ? pingSocket(endpoint.socketPath, timeoutMs)
    : reachTcp(endpoint.host, endpoint.port, timeoutMs);
}
