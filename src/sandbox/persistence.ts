// With a kept data folder (--data), CloudWatch Logs and the EC2 region survive a restart like S3 objects do: they
// are saved on a clean stop and loaded on start. Machines that were alive when the sandbox stopped lost their
// process, so they come back terminated.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Ec2State, Instance, KeyPair } from './ec2/state';
import type { LogsStore } from './logs/store';

interface SavedLogs {
  groups: Array<{
    name: string;
    creationTime: number;
    streams: Array<{
      name: string;
      creationTime: number;
      lastIngestionTime?: number;
      events: Array<[number, string, number]>;
    }>;
  }>;
}

// An older sandbox saved no availabilityZone: its machines were all in zone a.
type SavedInstance = Omit<Instance, 'tags' | 'launchTime' | 'availabilityZone'> & {
  tags: Array<[string, string]>;
  launchTime: string;
  availabilityZone?: string;
};

interface SavedEc2 {
  instances: SavedInstance[];
  keyPairs: Array<Omit<KeyPair, 'createTime'> & { createTime: string }>;
}

const LOGS_FILE = 'logs.json';
const EC2_FILE = 'ec2.json';

export async function saveState(dataDir: string, logs: LogsStore, ec2: Ec2State): Promise<void> {
  const savedLogs: SavedLogs = {
    groups: logs.allGroups().map((g) => ({
      name: g.name,
      creationTime: g.creationTime,
      streams: [...g.streams.values()].map((s) => ({
        name: s.name,
        creationTime: s.creationTime,
        lastIngestionTime: s.lastIngestionTime,
        events: s.events.map((e): [number, string, number] => [e.timestamp, e.message, e.ingestionTime]),
      })),
    })),
  };
  const savedEc2: SavedEc2 = {
    instances: [...ec2.instances.values()].map((i) => ({
      ...i,
      tags: [...i.tags.entries()],
      launchTime: i.launchTime.toISOString(),
    })),
    keyPairs: [...ec2.keyPairs.values()].map((k) => ({ ...k, createTime: k.createTime.toISOString() })),
  };
  await writeAtomically(path.join(dataDir, LOGS_FILE), JSON.stringify(savedLogs));
  await writeAtomically(path.join(dataDir, EC2_FILE), JSON.stringify(savedEc2));
}

/** Loads what a previous run saved; returns false when there was nothing to load. */
export async function loadState(dataDir: string, logs: LogsStore, ec2: Ec2State): Promise<boolean> {
  const savedLogs = await readJson<SavedLogs>(path.join(dataDir, LOGS_FILE));
  const savedEc2 = await readJson<SavedEc2>(path.join(dataDir, EC2_FILE));
  for (const g of savedLogs?.groups ?? []) {
    logs.restoreGroup(g.name, g.creationTime);
    for (const s of g.streams) {
      logs.restoreStream(g.name, {
        name: s.name,
        creationTime: s.creationTime,
        lastIngestionTime: s.lastIngestionTime,
        events: s.events.map(([timestamp, message, ingestionTime]) => ({ timestamp, message, ingestionTime })),
      });
    }
  }
  for (const k of savedEc2?.keyPairs ?? []) ec2.keyPairs.set(k.keyName, { ...k, createTime: new Date(k.createTime) });
  for (const saved of savedEc2?.instances ?? []) {
    const instance: Instance = {
      ...saved,
      tags: new Map(saved.tags),
      launchTime: new Date(saved.launchTime),
      availabilityZone: saved.availabilityZone ?? `${ec2.region}a`,
    };
    if (instance.state !== 'terminated' && instance.state !== 'stopped') {
      instance.state = 'terminated';
      instance.stateReason = {
        code: 'Server.SandboxStopped',
        message: 'Server.SandboxStopped: the sandbox stopped while the machine ran',
      };
    }
    ec2.instances.set(instance.instanceId, instance);
  }
  return savedLogs !== undefined || savedEc2 !== undefined;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await fs.writeFile(`${file}.tmp`, text, 'utf8');
  await fs.rename(`${file}.tmp`, file);
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
