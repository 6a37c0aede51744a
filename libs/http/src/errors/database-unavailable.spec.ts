import net from 'node:net';
import { Pool } from 'pg';
import { isDatabaseUnavailableError } from './database-unavailable';
import { toAppError } from './to-app-error';

// The errors come from the real pg driver talking to a socket that behaves like a
// PostgreSQL server in trouble: the driver's own wording and codes are what must match.

/** A server that answers the start-up message with a FATAL ErrorResponse of `sqlstate`. */
async function refusingServer(sqlstate: string, message: string): Promise<net.Server> {
  const fields = Buffer.concat([
    Buffer.from(`SFATAL\0VFATAL\0C${sqlstate}\0M${message}\0`),
    Buffer.from([0]),
  ]);
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(fields.length + 4, 1);
  const server = net.createServer((socket) => {
    socket.once('data', () => socket.end(Buffer.concat([header, fields])));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** A server that accepts connections and never answers. */
async function silentServer(): Promise<{ server: net.Server; sockets: Set<net.Socket> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, sockets };
}

function urlOf(server: net.Server): string {
  const address = server.address() as net.AddressInfo;
  return `postgres://postgres@127.0.0.1:${address.port}/test`;
}

async function queryError(connectionString: string, timeoutMs = 0): Promise<unknown> {
  const pool = new Pool({ connectionString, connectionTimeoutMillis: timeoutMs, max: 1 });
  pool.on('error', () => undefined);
  try {
    await pool.query('select 1');
  } catch (error) {
    return error;
  } finally {
    await pool.end();
  }
  throw new Error('expected the query to fail');
}

describe('isDatabaseUnavailableError with the pg driver', () => {
  it('recognises a refused connection', async () => {
    const error = await queryError('postgres://postgres@127.0.0.1:1/none');
    expect(isDatabaseUnavailableError(error)).toBe(true);
    expect(toAppError(error)?.code).toBe('DATABASE_UNAVAILABLE');
  });

  it('recognises a connect timeout', async () => {
    const { server, sockets } = await silentServer();
    try {
      const error = await queryError(urlOf(server), 100);
      expect(isDatabaseUnavailableError(error)).toBe(true);
    } finally {
      for (const socket of sockets) socket.destroy();
      server.close();
    }
  });

  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P03', 'the database system is starting up'],
    ['53300', 'sorry, too many clients already'],
    ['53200', 'out of shared memory'],
    ['53000', 'insufficient resources'],
  ])('recognises a server refusing with %s', async (sqlstate, message) => {
    const server = await refusingServer(sqlstate, message);
    try {
      const error = await queryError(urlOf(server));
      expect(error).toMatchObject({ code: sqlstate });
      expect(isDatabaseUnavailableError(error)).toBe(true);
    } finally {
      server.close();
    }
  });

  it('does not flag other server errors', async () => {
    const server = await refusingServer('28P01', 'password authentication failed');
    try {
      const error = await queryError(urlOf(server));
      expect(isDatabaseUnavailableError(error)).toBe(false);
    } finally {
      server.close();
    }
  });

  it.each([null, undefined, 'ECONNREFUSED', 42])('is false for %p', (value) => {
    expect(isDatabaseUnavailableError(value)).toBe(false);
  });

  it('stops following a cause cycle', () => {
    const error: Error & { cause?: unknown } = new Error('loop');
    error.cause = error;
    expect(isDatabaseUnavailableError(error)).toBe(false);
  });
});
