import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback port nothing listens on (bound, then closed): free to start a server on later, and refused when
 * a client connects to it.
 */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
