// A machine's instance metadata service (IMDSv2) on its own loopback port: the process of that machine gets
// AWS_EC2_METADATA_SERVICE_ENDPOINT pointing here. A session token comes from `PUT /latest/api/token` with
// `X-aws-ec2-metadata-token-ttl-seconds` (1-21600); every GET needs it in `X-aws-ec2-metadata-token` (401
// without, as with HttpTokens=required). `spot/instance-action` is 404 until an interruption notice, then
// `{"action":"terminate","time":"…"}`; `spot/termination-time` likewise.
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

interface MetadataSource {
  instanceId: string;
  instanceType: string;
  imageId: string;
  region: string;
  availabilityZone: string;
  privateIp: string;
  accountId: string;
  lifecycle: 'spot' | 'on-demand';
  launchTime: Date;
  /** The interruption notice, once EC2 has issued one: the action and when it happens (ISO). */
  interruption?: { action: 'terminate' | 'stop'; time: string };
}

export class ImdsServer {
  private readonly tokens = new Map<string, number>();
  private server: http.Server | undefined;
  endpoint = '';

  constructor(private readonly source: () => MetadataSource) {}

  async start(): Promise<string> {
    const server = http.createServer((req, res) => this.serve(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    return this.endpoint;
  }

  close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const reply = (status: number, body: string, type = 'text/plain'): void => {
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (path === '/latest/api/token') {
      if (req.method !== 'PUT') return reply(405, '');
      // IMDS refuses token requests that went through a proxy.
      if (req.headers['x-forwarded-for'] !== undefined) return reply(403, '');
      const ttl = Number(req.headers['x-aws-ec2-metadata-token-ttl-seconds']);
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21600) return reply(400, '');
      const token = randomBytes(40).toString('base64');
      this.tokens.set(token, Date.now() + ttl * 1000);
      res.setHeader('x-aws-ec2-metadata-token-ttl-seconds', String(ttl));
      return reply(200, token);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, '');
    const token = req.headers['x-aws-ec2-metadata-token'];
    const expires = typeof token === 'string' ? this.tokens.get(token) : undefined;
    if (expires === undefined || expires < Date.now()) return reply(401, '');
    const value = this.lookup(path);
    if (value === undefined) return reply(404, '');
    return reply(200, value.body, value.type);
  }

  private lookup(path: string): { body: string; type?: string } | undefined {
    const m = this.source();
    const meta: Record<string, string | undefined> = {
      'ami-id': m.imageId,
      'instance-id': m.instanceId,
      'instance-type': m.instanceType,
      'instance-life-cycle': m.lifecycle,
      'local-ipv4': m.privateIp,
      'placement/region': m.region,
      'placement/availability-zone': m.availabilityZone,
      'spot/instance-action':
        m.interruption && m.lifecycle === 'spot'
          ? JSON.stringify({ action: m.interruption.action, time: isoSeconds(new Date(m.interruption.time)) })
          : undefined,
      'spot/termination-time':
        m.interruption && m.lifecycle === 'spot' ? isoSeconds(new Date(m.interruption.time)) : undefined,
    };
    if (path === '/latest/dynamic/instance-identity/document') {
      return {
        type: 'application/json',
        body: JSON.stringify({
          accountId: m.accountId,
          architecture: 'x86_64',
          availabilityZone: m.availabilityZone,
          imageId: m.imageId,
          instanceId: m.instanceId,
          instanceType: m.instanceType,
          pendingTime: isoSeconds(m.launchTime),
          privateIp: m.privateIp,
          region: m.region,
          version: '2017-09-30',
        }),
      };
    }
    const prefix = '/latest/meta-data/';
    if (!path.startsWith(prefix)) return undefined;
    const key = path.slice(prefix.length).replace(/\/$/, '');
    if (key === '') {
      const top = new Set(
        Object.entries(meta)
          .filter(([, v]) => v !== undefined)
          .map(([k]) => (k.includes('/') ? `${k.split('/')[0]}/` : k)),
      );
      return { body: [...top].join('\n') };
    }
    const v = meta[key];
    return v === undefined ? undefined : { body: v };
  }
}

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
