import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { StartupError } from '../startup-error';
import type { AppConfig } from '../config/config';

/**
 * Remembers files and folders this start created, so a start that fails removes them again and
 * leaves the machine as it found it (no half-created data directory, key or database).
 */
export class CreatedFiles {
  private readonly paths: string[] = [];

  noteIfNew(target: string, existedBefore: boolean): void {
    if (!existedBefore) this.paths.push(target);
  }

  rollback(): void {
    for (const target of [...this.paths].reverse()) {
      fs.rmSync(target, { recursive: true, force: true });
    }
    this.paths.length = 0;
  }

  forget(): void {
    this.paths.length = 0;
  }
}

/** Creates DATA_DIR if needed and proves it is writable. */
export function prepareDataDir(config: AppConfig, created: CreatedFiles): void {
  const dir = config.dataDir;
  try {
    // Noting the topmost new folder is enough: rollback removes it with everything below.
    const made = makeDirs(dir);
    if (made.length) created.noteIfNew(made[0], false);
  } catch (error) {
    throw new StartupError(`DATA_DIR ${dir} cannot be created (${describeFsError(error)}); set DATA_DIR to a writable folder`);
  }
  const probe = path.join(dir, `.write-test-${process.pid}`);
  try {
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (error) {
    throw new StartupError(`DATA_DIR ${dir} is not writable (${describeFsError(error)}); set DATA_DIR to a writable folder`);
  }
}

/**
 * `mkdir -p` one level at a time, returning the folders it created (outermost first). Node's own
 * recursive mkdir spins forever on paths such as /proc/x, where mkdir says ENOENT although the
 * parent exists; a plain mkdir per level fails there instead.
 */
function makeDirs(dir: string): string[] {
  const missing: string[] = [];
  for (let current = dir; !fs.existsSync(current); current = path.dirname(current)) {
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }
  const made: string[] = [];
  for (const folder of missing) {
    try {
      fs.mkdirSync(folder, { mode: 0o700 });
      made.push(folder);
    } catch (error) {
      // Another process starting at the same moment may have just created it.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !fs.statSync(folder).isDirectory()) throw error;
    }
  }
  return made;
}

export interface InstanceKey {
  key: Buffer;
  /** True when this start generated the key file (embedded mode, first start). */
  generated: boolean;
  source: 'environment' | string;
}

/**
 * The instance key encrypts secrets at rest. From SECRET_KEY when set; otherwise (never in
 * production — config refuses that) from `instance.key` in the data directory, generated on first
 * start with mode 0600. Two processes starting at once agree on one key thanks to the exclusive create.
 */
export function loadInstanceKey(config: AppConfig, created: CreatedFiles): InstanceKey {
  if (config.secretKey) return { key: config.secretKey, generated: false, source: 'environment' };
  const file = path.join(config.dataDir, 'instance.key');
  // Written to a private temporary file, then hard-linked into place: the key appears whole or not
  // at all, so a second process starting at the same moment never reads a half-written file.
  const draft = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(draft, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    fs.linkSync(draft, file);
    created.noteIfNew(file, false);
    return { key: readKeyFile(file), generated: true, source: file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new StartupError(`Cannot write the instance key ${file} (${describeFsError(error)})`);
    }
  } finally {
    fs.rmSync(draft, { force: true });
  }
  return { key: readKeyFile(file), generated: false, source: file };
}

function readKeyFile(file: string): Buffer {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new StartupError(`Cannot read the instance key ${file} (${describeFsError(error)})`);
  }
  if (!/^[0-9a-f]{64}$/i.test(text)) {
    throw new StartupError(`The instance key ${file} is damaged: it must hold 64 hex characters. Restore it from backup`);
  }
  return Buffer.from(text, 'hex');
}

export function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOTDIR: 'a part of the path is a file, not a folder',
    ENOENT: 'a part of the path does not exist or cannot hold folders',
    ENOSPC: 'no space left on the disk',
    EEXIST: 'it already exists',
  };
  return (e.code && reasons[e.code]) ?? e.code ?? String(e.message ?? error);
}
