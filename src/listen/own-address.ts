import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0', '::']);

/**
 * Whether `target` points at a server bound to `host:port` on this machine: the same port, and a host that is
 * the bind address itself, a loopback name (127.0.0.0/8, ::1, localhost), or, bound to a wildcard, an address of
 * one of this machine's interfaces.
 * Names that need DNS are not resolved (a loop through them is still cut by the hop header).
 */
export function isOwnAddress(target: URL, host: string, port: number): boolean {
  const targetPort = target.port === '' ? (target.protocol === 'https:' ? 443 : 80) : Number(target.port);
  if (targetPort !== port || target.protocol !== 'http:') return false;
  const name = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const bound = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (name === bound) return true;
  const loopback = (h: string): boolean => LOOPBACK.has(h) || h.endsWith('.localhost') || (isIP(h) === 4 && h.startsWith('127.'));
  if (bound === '0.0.0.0' || bound === '::') return loopback(name) || localAddresses().has(name);
  return loopback(name) && loopback(bound);
}

function localAddresses(): Set<string> {
  return new Set(Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address.toLowerCase())));
}
