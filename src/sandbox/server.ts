// The one HTTP listener: refuses what is not for it (foreign Host or Origin, unsigned or badly signed requests,
// control calls without the token), then routes each request to Logs or Step Functions (by X-Amz-Target),
// EventBridge Scheduler (by its credential scope), EC2/STS (form POST to /) or S3 (the rest), and serves the
// control API under /_sandbox/.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate, sendRefusal, type AccessPolicy } from './auth/access';
import { hasBearerToken, loopbackProblem } from './auth/loopback';
import type { Ec2Handler } from './ec2/handler';
import { Exchange } from './exchange';
import { t } from '../core/i18n';
import { FaultSpecError, type FaultSpec, type Faults } from './faults';
import type { LogsHandler } from './logs/handler';
import type { S3Handler } from './s3/handler';
import { CFN_VERSION, type CfnHandler } from './cloudFormation/handler';
import { PRICING_TARGET, type PricingHandler } from './pricing/handler';
import { SFN_TARGET, type SfnHandler } from './stepFunctions/handler';
import type { SchedulerHandler } from './scheduler/handler';
import { SSM_TARGET, type SsmHandler } from './ssm/handler';
import { handleSts, STS_VERSION } from './sts';

interface Services {
  /** The credentials every AWS request must be signed with, and the body caps. */
  access: AccessPolicy;
  /** The bearer token of /_sandbox/* calls. */
  controlToken: string;
  s3: S3Handler;
  ec2: Ec2Handler;
  logs: LogsHandler;
  sfn: SfnHandler;
  pricing: PricingHandler;
  cloudFormation: CfnHandler;
  scheduler: SchedulerHandler;
  ssm: SsmHandler;
  faults: Faults;
  /** Snapshot for GET /_sandbox/state. */
  state: () => unknown;
  /** Each AWS request once answered (or cut). */
  onRequest?: (summary: RequestSummary) => void;
}

export interface RequestSummary {
  service: string;
  operation: string;
  /** bucket/key, log group/stream, or empty. */
  resource: string;
  /** HTTP status, or 0 when the connection was cut before a reply. */
  status: number;
  ms: number;
}

const LOGS_TARGET = 'Logs_20140328.';

export function createServer(services: Services): http.Server {
  const server = http.createServer((req, res) => {
    const ex = new Exchange(req, res);
    const report = services.onRequest;
    if (report) res.on('close', () => summarize(ex, report));
    void route(services, ex);
  });
  // Long downloads and live tails must not be cut by Node's default request timeout.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 5_000;
  return server;
}

export function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function route(s: Services, ex: Exchange): Promise<void> {
  try {
    const problem = loopbackProblem(ex.req.headers, ex.req.socket.localPort ?? 0);
    if (problem) {
      const message =
        problem.kind === 'host'
          ? t('sandboxAccess.foreignHost', { host: problem.value })
          : t('sandboxAccess.foreignOrigin', { origin: problem.value });
      return await ex.send(403, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }, message);
    }
    const path = ex.url.pathname;
    if (path === '/_sandbox' || path.startsWith('/_sandbox/')) {
      if (!hasBearerToken(ex.req.headers, s.controlToken)) {
        const body = JSON.stringify({ error: t('sandboxAccess.tokenRequired') });
        const headers = { 'content-type': 'application/json', 'www-authenticate': 'Bearer', connection: 'close' };
        return await ex.send(401, headers, body);
      }
      return await control(s, ex);
    }
    const verdict = await authenticate(ex, s.access);
    if (!verdict.ok) return await sendRefusal(ex, verdict);
    // REST-JSON services have no target header: the credential scope names them.
    if (verdict.service === 'scheduler') return await s.scheduler.handle(ex);
    const target = ex.header('x-amz-target');
    if (target?.startsWith(LOGS_TARGET)) return await s.logs.handle(ex, target.slice(LOGS_TARGET.length));
    if (target?.startsWith(SFN_TARGET)) return await s.sfn.handle(ex, target.slice(SFN_TARGET.length));
    if (target?.startsWith(SSM_TARGET)) return await s.ssm.handle(ex, target.slice(SSM_TARGET.length));
    if (target?.startsWith(PRICING_TARGET)) return await s.pricing.handle(ex, target.slice(PRICING_TARGET.length));
    const contentType = ex.header('content-type') ?? '';
    if (ex.req.method === 'POST' && path === '/' && contentType.startsWith('application/x-www-form-urlencoded')) {
      const params = new URLSearchParams((await ex.readBody()).toString('utf8'));
      if (params.get('Version') === STS_VERSION) return await handleSts(ex, params, s.faults);
      if (params.get('Version') === CFN_VERSION) return await s.cloudFormation.handle(ex, params);
      return await s.ec2.handle(ex, params);
    }
    return await s.s3.handle(ex);
  } catch {
    // Handlers answer their own errors; this is the last guard so one bad request never stops the sandbox.
    if (!ex.res.headersSent && !ex.res.destroyed) {
      ex.res.writeHead(500, { 'content-type': 'text/plain' });
      ex.res.end('sandbox internal error');
    } else {
      ex.res.destroy();
    }
  }
}

async function control(s: Services, ex: Exchange): Promise<void> {
  const method = ex.req.method ?? 'GET';
  const path = ex.url.pathname.replace(/\/+$/, '');
  const json = (status: number, value: unknown): Promise<void> =>
    ex.send(status, { 'content-type': 'application/json' }, JSON.stringify(value, null, 2));

  if (path === '/_sandbox/state' && method === 'GET') return json(200, s.state());
  if (path === '/_sandbox/requests' && method === 'GET') return json(200, s.faults.counts());
  if (path === '/_sandbox/requests' && method === 'DELETE') {
    s.faults.resetCounts();
    return json(200, {});
  }
  if (path === '/_sandbox/faults') {
    if (method === 'GET') return json(200, s.faults.list());
    if (method === 'DELETE') {
      s.faults.clear();
      return json(200, { cleared: true });
    }
    if (method === 'POST') {
      let specs: FaultSpec[];
      try {
        const parsed: unknown = JSON.parse((await ex.readBody()).toString('utf8'));
        specs = (Array.isArray(parsed) ? parsed : [parsed]) as FaultSpec[];
        if (!specs.every((f) => typeof f === 'object' && f !== null))
          throw new FaultSpecError('a fault must be a JSON object');
      } catch (e) {
        return json(400, {
          error: e instanceof FaultSpecError ? e.message : 'the body must be a fault JSON object or a list of them',
        });
      }
      try {
        return json(200, { ids: specs.map((spec) => s.faults.add(spec)) });
      } catch (e) {
        return json(400, { error: e instanceof Error ? e.message : String(e) });
      }
    }
  }
  const one = /^\/_sandbox\/faults\/([\w-]+)$/.exec(path);
  if (one && method === 'DELETE') {
    return s.faults.remove(one[1] ?? '') ? json(200, { removed: one[1] }) : json(404, { error: `no fault ${one[1]}` });
  }
  return json(404, { error: `unknown control endpoint ${method} ${path}` });
}

function summarize(ex: Exchange, report: (summary: RequestSummary) => void): void {
  const t = ex.target;
  if (!t) return;
  const resource = [t.bucket ?? t.logGroup, t.key ?? t.logStream].filter((p) => p !== undefined).join('/');
  const status = ex.res.headersSent ? ex.res.statusCode : 0;
  report({ service: t.service, operation: t.operation, resource, status, ms: Date.now() - ex.startedAt });
}
