// The one way files are written for the user: nothing they had is lost, half a file never looks whole.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, lstat, open, rename, unlink } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** The target exists (or is a symbolic link) and the caller did not say the user confirmed replacing it. */
export class TargetExistsError extends Error {
  readonly code = 'EEXIST';
  constructor(
    readonly path: string,
    readonly symlink: boolean,
  ) {
    super(symlink ? `${path} is a symbolic link: it is never followed` : `${path} already exists`);
  }
}

/** Runs a program and resolves to its exit code (injected in tests). */
type RunProgram = (command: string, args: readonly string[]) => Promise<number>;

interface SafeWriteOptions {
  /** Only when the user confirmed replacing this very target (VS Code's save dialog asks itself). */
  replace?: boolean;
  /** File mode of the new file (POSIX), e.g. 0o600 for a private key. */
  mode?: number;
  /** A private file: on Windows it gets an owner-only ACL (icacls), as mode 0600 does elsewhere. */
  ownerOnly?: boolean;
  signal?: AbortSignal;
  platform?: NodeJS.Platform;
  run?: RunProgram;
  user?: string;
}

type SafeContent = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/**
 * Writes `content` to a temporary `.<name>.<random>.part` beside `target`, then puts it in place: created
 * exclusively (an existing file stays byte for byte) unless `replace`, and never through a symbolic link.
 * The temporary file is removed on error or abort.
 */
export async function safeWrite(target: string, content: SafeContent, options: SafeWriteOptions = {}): Promise<void> {
  await checkTarget(target, options.replace === true);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
  const handle = await open(temp, 'wx', options.mode ?? 0o666);
  let placed = false;
  try {
    const source = typeof content === 'string' || content instanceof Uint8Array ? [content] : content;
    for await (const chunk of source) {
      options.signal?.throwIfAborted();
      await handle.write(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    }
    if (options.mode !== undefined) await handle.chmod(options.mode);
    await handle.sync();
    await handle.close();
    if (options.ownerOnly) await restrictOnWindows(temp, options);
    options.signal?.throwIfAborted();
    if (options.replace) {
      // The dialog's answer was about a file, not a link someone put there since.
      await checkTarget(target, true);
      await rename(temp, target);
    } else {
      await createExclusively(temp, target);
    }
    placed = true;
  } finally {
    await handle.close().catch(() => undefined);
    if (!placed || !options.replace) await unlink(temp).catch(() => undefined);
  }
}

async function checkTarget(target: string, replace: boolean): Promise<void> {
  let info;
  try {
    info = await lstat(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (info.isSymbolicLink()) throw new TargetExistsError(target, true);
  if (!replace || !info.isFile()) throw new TargetExistsError(target, false);
}

/** A hard link where the file system has them, else an exclusive copy (FAT, some shares): never a replace. */
export async function createExclusively(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new TargetExistsError(to, false);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'EMLINK') throw e;
    try {
      await copyFile(from, to, constants.COPYFILE_EXCL);
    } catch (copyError) {
      if ((copyError as NodeJS.ErrnoException).code === 'EEXIST') throw new TargetExistsError(to, false);
      throw copyError;
    }
  }
}

/** Mode bits mean nothing on NTFS: drop inherited entries and grant only the current user. */
async function restrictOnWindows(file: string, options: SafeWriteOptions): Promise<void> {
  if ((options.platform ?? process.platform) !== 'win32') return;
  const user = options.user ?? userInfo().username;
  const code = await (options.run ?? runProgram)('icacls', [file, '/inheritance:r', '/grant:r', `${user}:F`]);
  if (code !== 0) throw new Error(`icacls could not make ${file} private to ${user} (exit ${code})`);
}

const runProgram: RunProgram = (command, args) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore', windowsHide: true });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
