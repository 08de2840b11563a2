// The client of the sandbox's control API (/_sandbox/*): tests, the e2e harness and scripts use it instead of raw
// fetch, so the bearer token travels with every call. Only the sandbox's own process hands out the token (in its
// banner and in `env.SANDBOX_CONTROL_TOKEN`).
import type { FaultSpec } from './faults';
import type { SandboxSnapshot } from './index';
import { SANDBOX_TOKEN_KEY } from './env';

export interface SandboxControl {
  /** Any control call; resolves to the response whatever its status (for tests of refusals). */
  request(method: string, path: string, body?: unknown): Promise<Response>;
  state(): Promise<SandboxSnapshot>;
  addFaults(specs: FaultSpec | FaultSpec[]): Promise<string[]>;
  listFaults(): Promise<unknown[]>;
  clearFaults(): Promise<void>;
  removeFault(id: string): Promise<void>;
  requests(): Promise<Record<string, number>>;
  resetRequests(): Promise<void>;
}

class SandboxControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sandboxControl(endpoint: string, token: string): SandboxControl {
  const base = endpoint.replace(/\/+$/, '');
  const request = (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${base}${path.startsWith('/') ? path : `/${path}`}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await request(method, path, body);
    const text = await response.text();
    if (!response.ok) throw new SandboxControlError(response.status, `${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
  return {
    request,
    state: () => json<SandboxSnapshot>('GET', '/_sandbox/state'),
    addFaults: async (specs) => (await json<{ ids: string[] }>('POST', '/_sandbox/faults', specs)).ids,
    listFaults: () => json<unknown[]>('GET', '/_sandbox/faults'),
    clearFaults: async () => void (await json('DELETE', '/_sandbox/faults')),
    removeFault: async (id) => void (await json('DELETE', `/_sandbox/faults/${encodeURIComponent(id)}`)),
    requests: () => json<Record<string, number>>('GET', '/_sandbox/requests'),
    resetRequests: async () => void (await json('DELETE', '/_sandbox/requests')),
  };
}

/** The control client for a sandbox described by its `.env` values (endpoint and token). */
export function sandboxControlFromEnv(env: Record<string, string | undefined>): SandboxControl {
  const endpoint = env.AWS_ENDPOINT_URL;
  const token = env[SANDBOX_TOKEN_KEY];
  if (!endpoint || !token) throw new Error(`the sandbox settings lack AWS_ENDPOINT_URL or ${SANDBOX_TOKEN_KEY}`);
  return sandboxControl(endpoint, token);
}
