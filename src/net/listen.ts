import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts `server` on `host:port` (127.0.0.1 and a free port unless told) and resolves with the port and the
 * origin to print, e.g. `http://127.0.0.1:39113` (IPv6 hosts in brackets; 0.0.0.0 and :: are shown as loopback,
 * with `wildcard` set so the caller can warn that every interface is listening). Rejects on EADDRINUSE and the like.
 */
export async function listenOn(server: Server, port = 0, host = '127.0.0.1'): Promise<{ port: number; origin: string; wildcard: boolean }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: bound, address } = server.address() as AddressInfo;
  return { port: bound, origin: advertisedOrigin(address, bound), wildcard: address === '0.0.0.0' || address === '::' };
}

/** The origin a client on this machine can use: a wildcard bind address (0.0.0.0, ::) is shown as loopback. */
export function advertisedOrigin(address: string, port: number): string {
  const shown = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

/** The warning for a bind address that listens on every interface (0.0.0.0, ::), or undefined for any other. */
export function wildcardWarning(host: string, what: string): string | undefined {
  const h = host.replace(/^\[|\]$/g, '');
  if (h !== '0.0.0.0' && h !== '::' && h !== '0:0:0:0:0:0:0:0') return undefined;
  return `--host ${host} makes ${what} reachable from every network interface, not only this machine; use 127.0.0.1 unless another machine must connect`;
}
