import { HttpClient } from '@angular/common/http';
import { Injectable, PendingTasks, computed, inject, signal } from '@angular/core';
import { ApiRoutes, type InstanceInfo } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';

export type InstanceStatus = 'idle' | 'loading' | 'ready' | 'error';

const FALLBACK_NAME = 'Passerelle';

/** Public facts about this installation (GET /api/instance), shared by the shell and the pages. */
@Injectable({ providedIn: 'root' })
export class InstanceService {
  private readonly http = inject(HttpClient);
  private readonly pendingTasks = inject(PendingTasks);
  private readonly infoState = signal<InstanceInfo | null>(null);
  private readonly statusState = signal<InstanceStatus>('idle');
  private pending: Promise<InstanceInfo> | null = null;

  readonly info = this.infoState.asReadonly();
  readonly status = this.statusState.asReadonly();
  readonly organisationName = computed(() => this.infoState()?.organisationName || FALLBACK_NAME);

  /** Loads once and shares the answer; `refresh` asks the server again. */
  load(options: { refresh?: boolean } = {}): Promise<InstanceInfo> {
    const known = this.infoState();
    if (known && !options.refresh) {
      return Promise.resolve(known);
    }
    if (this.pending) {
      return this.pending;
    }
    this.statusState.set('loading');
    const done = this.pendingTasks.add();
    this.pending = firstValueFrom(this.http.get<InstanceInfo>(ApiRoutes.instance))
      .then((info) => {
        this.infoState.set(info);
        this.statusState.set('ready');
        return info;
      })
      .catch((error: unknown) => {
        this.statusState.set(this.infoState() ? 'ready' : 'error');
        throw error;
      })
      .finally(() => {
        this.pending = null;
        done();
      });
    return this.pending;
  }

  /** After the first administrator is created, the portal has a name and no longer needs setup. */
  markSetupDone(organisationName: string): void {
    const current = this.infoState();
    this.infoState.set({ version: current?.version ?? '', ...current, organisationName, setupRequired: false });
    this.statusState.set('ready');
  }
}
