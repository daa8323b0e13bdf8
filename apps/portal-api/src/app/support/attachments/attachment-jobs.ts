import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AttachmentsService } from './attachments.service';

const SWEEP_EVERY_MS = 10 * 60_000;

/** In the serving process: unused uploads deleted once expired (every ten minutes). */
@Injectable()
export class AttachmentJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Attachments');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly attachments: AttachmentsService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.adapterHost.httpAdapter) return;
    this.timer = setInterval(() => void this.attachments.sweep().catch((error: Error) => this.logger.warn(`Attachment sweep: ${error.message}`)), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
