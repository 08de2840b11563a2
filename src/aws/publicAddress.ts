// The address AWS sees this computer come from, for the "is 3389 open to me?" check.
// Chosen order: an explicit value (--source-ip, or ADATRAP_PUBLIC_IP), then the sandbox rule (a loopback
// endpoint sees us as 127.0.0.1, so that is the address its security groups must admit), then Amazon's own
// https://checkip.amazonaws.com (one line, the caller's IPv4 address; what the EC2 console's "My IP" uses).
// When none answers, the caller reports the check as unknown rather than guessing.
import { isIP } from 'node:net';
import { InputError } from '../core/errors';
import { t } from '../core/i18n';

const CHECKIP_URL = 'https://checkip.amazonaws.com';

interface AddressSources {
  explicit?: string;
  /** The configured EC2 endpoint, when not AWS's own. */
  ec2Endpoint?: string;
  env?: NodeJS.ProcessEnv;
  fetchText?: (url: string, signal: AbortSignal) => Promise<string>;
  timeoutMs?: number;
}

export async function publicAddress(sources: AddressSources): Promise<string | undefined> {
  const explicit = sources.explicit ?? (sources.env ?? process.env).ADATRAP_PUBLIC_IP;
  if (explicit !== undefined && explicit !== '') {
    if (isIP(explicit.trim()) === 0) throw new InputError(t('diagnose.rdp.badSourceIp', { value: explicit }));
    return explicit.trim();
  }
  if (sources.ec2Endpoint && isLoopback(sources.ec2Endpoint)) return '127.0.0.1';
  const fetchText = sources.fetchText ?? defaultFetchText;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), sources.timeoutMs ?? 5000);
  try {
    const text = (await fetchText(CHECKIP_URL, controller.signal)).trim();
    return isIP(text) ? text : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

function isLoopback(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname;
    return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
  } catch {
    return false;
  }
}

async function defaultFetchText(url: string, signal: AbortSignal): Promise<string> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}
