import { Inject, Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { availableParallelism } from 'node:os';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';

/** argon2id with the parameters from configuration (defaults: OWASP's m=19 MiB, t=2, p=1). */
@Injectable()
export class PasswordHasher {
  /**
   * At most one hash per core at a time: more only queue inside libuv's pool while each holds its
   * memory (19 MiB by default), and they would starve the event loop of CPU.
   */
  private readonly slots = new Slots(Math.max(1, availableParallelism()));

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    const { memoryKiB, iterations, parallelism } = this.config.argon2;
    return this.slots.run(() => argon2.hash(password, { type: argon2.argon2id, memoryCost: memoryKiB, timeCost: iterations, parallelism }));
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await this.slots.run(() => argon2.verify(hash, password));
    } catch {
      return false;
    }
  }
}

/** A counting semaphore: runs work when one of `size` slots is free, in arrival order. */
class Slots {
  private busy = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.busy >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.busy += 1;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.busy -= 1;
    }
  }
}
