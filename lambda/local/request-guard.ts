import { isIPv4, isIPv6 } from 'node:net';
import { ConfigError } from '../config/load.js';
import { ADMIN_TOKEN_VARIABLE } from './admin-token.js';

export const ALLOWED_HOSTS_VARIABLE = 'HR_SYNC_ALLOWED_HOSTS';

/** The names a request may give in `Host` on any listen address, with or without a port. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Whether HOST keeps the host on this machine: `localhost`, 127.0.0.0/8 or ::1. Any other address
 * (0.0.0.0, a LAN address, a name) lets other machines reach it.
 */
export function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost' || name === '::1') return true;
  const v4 = name.startsWith('::ffff:') ? name.slice('::ffff:'.length) : name;
  return isIPv4(v4) && v4.startsWith('127.');
}

/**
 * A host reachable from the network must be started with a token its operator chose: the generated
 * one sits in a file on this machine, where a remote caller of `POST /reconcile` cannot read it, but
 * where nobody has decided that the network may reach the host at all.
 */
export function checkExposure(host: string, adminToken: string | undefined): void {
  if (isLoopback(host) || adminToken !== undefined) return;
  throw new ConfigError(
    `environment: HOST ${host} is not a loopback address, so other machines could reach this host; set ${ADMIN_TOKEN_VARIABLE} (16 or more random characters, e.g. openssl rand -base64 32) to start it there, or unset HOST to listen on 127.0.0.1 only`,
  );
}

/**
 * The name in a `Host` header (`name`, `name:port`, `[v6]:port`), lower-case and without a
 * trailing dot; undefined when it is not one.
 */
export function hostName(header: string | undefined): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]\s]+)(?::\d{1,5})?$/i.exec(header ?? '');
  return match?.[1]?.toLowerCase().replace(/\.$/, '');
}

/** As it appears in a `Host` header: an IPv6 address in brackets. */
export const asHostName = (address: string) => (isIPv6(address) ? `[${address}]` : address).toLowerCase();

/**
 * Whether a request's `Host` names this host: a loopback name, the HOST it listens on, the address
 * the request reached, or a name in HR_SYNC_ALLOWED_HOSTS. A page a browser loaded from another
 * site can reach a loopback port by rebinding its own name to 127.0.0.1, but its requests still
 * carry its own name in `Host` (https://en.wikipedia.org/wiki/DNS_rebinding), so they are refused.
 */
export function hostAllowed(
  header: string | undefined,
  names: { listenHost: string; localAddress: string | undefined; allowed: readonly string[] },
): boolean {
  const name = hostName(header);
  if (name === undefined) return false;
  return (
    LOOPBACK_NAMES.includes(name) ||
    name === asHostName(names.listenHost) ||
    (names.localAddress !== undefined && name === asHostName(names.localAddress)) ||
    names.allowed.includes(name)
  );
}
