// Requests a local developer server must refuse whatever they carry: a Host that is not this loopback port (DNS
// rebinding: a web page on evil.example resolving to 127.0.0.1) and an Origin that is not the server itself (a
// browser page posting cross-site). The same checks as VS Code's and webpack's local servers; LocalStack does the
// Host check for the same reason.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** The Host values that name this server: each loopback name with the port (bare when the port is 80). */
function allowedHosts(port: number): Set<string> {
  const hosts = new Set(LOOPBACK_NAMES.map((name) => `${name}:${port}`));
  if (port === 80) for (const name of LOOPBACK_NAMES) hosts.add(name);
  return hosts;
}

type LoopbackProblem = { kind: 'host'; value: string } | { kind: 'origin'; value: string };

export function loopbackProblem(headers: IncomingHttpHeaders, port: number): LoopbackProblem | undefined {
  const hosts = allowedHosts(port);
  const host = (headers.host ?? '').toLowerCase();
  if (!hosts.has(host)) return { kind: 'host', value: host };
  const origin = headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, hosts)) return { kind: 'origin', value: origin };
  return undefined;
}

function isOwnOrigin(origin: string, hosts: Set<string>): boolean {
  const m = /^http:\/\/([^/]+)$/.exec(origin.toLowerCase());
  return m !== null && hosts.has(m[1] ?? '');
}

/** `Authorization: Bearer <token>` with the sandbox's control token (constant-time comparison). */
export function hasBearerToken(headers: IncomingHttpHeaders, token: string): boolean {
  const m = /^Bearer ([\x21-\x7e]+)$/.exec(headers.authorization ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1] ?? '', 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
