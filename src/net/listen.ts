import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts `server` on `host:port` (127.0.0.1 and a free port unless told) and resolves with the port and the
 * origin to print, e.g. `http://127.0.0.1:39113` (IPv6 hosts in brackets). Rejects on EADDRINUSE and the like.
 */
export async function listenOn(server: Server, port = 0, host = '127.0.0.1'): Promise<{ port: number; origin: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: bound, address } = server.address() as AddressInfo;
  return { port: bound, origin: `http://${address.includes(':') ? `[${address}]` : address}:${bound}` };
}
