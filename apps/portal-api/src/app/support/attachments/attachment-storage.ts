import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { APP_CONFIG } from '../../../infra/config/config.module';
import type { AppConfig } from '../../../infra/config/config';

const PARTIAL = '.part';

/**
 * The attachments folder: each file under a random key (never a name a person chose), written to
 * a temporary file first and renamed, so a crash never leaves half a file under a real key.
 */
@Injectable()
export class AttachmentStorage {
  readonly dir: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.dir = config.attachments.dir;
  }

  newKey(): string {
    return randomBytes(24).toString('hex');
  }

  /** Writes `bytes` under `key` (temp file, fsync, rename); returns its SHA-256. */
  async write(key: string, bytes: Buffer): Promise<string> {
    await fs.promises.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const final = this.pathOf(key);
    const temp = `${final}${PARTIAL}`;
    try {
      const handle = await fs.promises.open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(temp, final);
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
    return createHash('sha256').update(bytes).digest('hex');
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }

  exists(key: string): boolean {
    return fs.existsSync(this.pathOf(key));
  }

  pathOf(key: string): string {
    if (!/^[a-f0-9]{16,64}$/.test(key)) throw new Error('Not a storage key');
    return path.join(this.dir, key);
  }

  /** Keys of files (and leftover temp files) older than `olderThanMs`, for the sweep. */
  async oldFiles(olderThanMs: number, nowMs: number): Promise<{ keys: string[]; partials: string[] }> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.dir);
    } catch {
      return { keys: [], partials: [] };
    }
    const keys: string[] = [];
    const partials: string[] = [];
    for (const name of names) {
      const stat = await fs.promises.stat(path.join(this.dir, name)).catch(() => undefined);
      if (!stat?.isFile() || nowMs - stat.mtimeMs < olderThanMs) continue;
      if (name.endsWith(PARTIAL)) partials.push(name);
      else if (/^[a-f0-9]{16,64}$/.test(name)) keys.push(name);
    }
    return { keys, partials };
  }

  async removePartial(name: string): Promise<void> {
    if (name.endsWith(PARTIAL) && !name.includes('/')) await fs.promises.rm(path.join(this.dir, name), { force: true });
  }
}
