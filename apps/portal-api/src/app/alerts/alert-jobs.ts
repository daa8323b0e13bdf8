import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { Clock } from '../../infra/clock';
import { AccountAccess } from '../accounts/account-access';
import { UserEntity } from '../accounts/entities/user.entity';
import { OidcPayloadEntity } from '../identity/entities/oidc-payload.entity';
import { AlertStreamService } from './alert-stream.service';
import { AlertsService } from './alerts.service';

const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** Background work for alerts: hourly pruning, and the session check that closes ended streams. */
@Injectable()
export class AlertJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Alerts');
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: AccountAccess,
    private readonly alerts: AlertsService,
    stream: AlertStreamService,
  ) {
    stream.checkSessionsWith((c) => this.sessionAlive(c.userId, c.sessionUid));
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.alerts.prune().catch((error: Error) => this.logger.warn(`Pruning alerts: ${error.message}`)), PRUNE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The stream's session still exists (not signed out, not ended by an administrator) and the account may be used. */
  async sessionAlive(userId: string, sessionUid: string): Promise<boolean> {
    const session = await this.dataSource.getRepository(OidcPayloadEntity).exists({
      where: { model: 'Session', uid: sessionUid, accountId: userId, expiresAt: MoreThan(this.clock.now()) },
    });
    if (!session) return false;
    return this.access.usable(await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId }));
  }
}
