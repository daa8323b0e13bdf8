import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { SessionInfo } from '@passerelle/contracts';
import { DataSource, In, MoreThan } from 'typeorm';
import { Clock } from '../../../infra/clock';
import { AccountAccess } from '../../accounts/account-access';
import { UserEntity } from '../../accounts/entities/user.entity';
import { AuditService } from '../../audit/audit.service';
import type { RequestContext } from '../../http/request-context';
import { OidcClientEntity } from '../entities/oidc-client.entity';
import { OidcPayloadEntity } from '../entities/oidc-payload.entity';
import { SessionDeviceEntity } from '../entities/session-device.entity';
import { OidcProviderHost } from '../oidc/oidc-provider.host';
import { PORTAL_CLIENT_ID } from '../oidc/create-provider';
import type { PortalUser } from '../session/portal-user';
import { describeUserAgent } from './user-agent';

/** Last activity is written at most this often per session, to keep reads cheap. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

interface StoredSession {
  uid: string;
  accountId?: string;
  loginTs?: number;
  amr?: string[];
  authorizations?: Record<string, { sid?: string; grantId?: string }>;
}

/**
 * Sessions are oidc-provider's: one per browser, shared by the portal and every app signed in
 * through it. This service reads them for the account page and ends them — each ending tells the
 * apps by back-channel logout and revokes what they were granted.
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger('Sessions');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly host: OidcProviderHost,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: AccountAccess,
  ) {
    host.onAuthorization((ctx) => this.recordAuthorization(ctx));
  }

  /** The person signed in on this browser, or undefined. Also records the device's last activity. */
  async userOf(req: Request, res: Response): Promise<PortalUser | undefined> {
    const session = await this.currentSession(req, res);
    if (!session?.accountId) return undefined;
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: session.accountId }, relations: { groups: true } });
    if (!this.access.usable(user)) return undefined;
    await this.touchDevice(session.uid, user.id, req);
    return {
      kind: 'user',
      id: user.id,
      email: user.email,
      name: user.name,
      isAdmin: user.isAdmin,
      accountKind: user.kind,
      permissions: user.permissions ?? [],
      locale: user.locale,
      groups: (user.groups ?? []).map((g) => g.name).sort(),
      sessionUid: session.uid,
      amr: session.amr ?? [],
    };
  }

  /** Called by the provider when a browser completes an authorization: remember which device it is. */
  async recordAuthorization(ctx: KoaContextWithOIDC): Promise<void> {
    const session = ctx.oidc.session;
    if (!session?.accountId) return;
    await this.touchDevice(session.uid, session.accountId, ctx.req as unknown as Request, true);
  }

  async list(accountId: string, currentUid?: string): Promise<SessionInfo[]> {
    const rows = await this.dataSource.getRepository(OidcPayloadEntity).find({
      where: { model: 'Session', accountId, expiresAt: MoreThan(this.clock.now()) },
    });
    const sessions = rows.map((row) => JSON.parse(row.payload) as StoredSession);
    const devices = await this.dataSource.getRepository(SessionDeviceEntity).findBy({ sessionUid: In(sessions.map((s) => s.uid)) });
    const clientIds = [...new Set(sessions.flatMap((s) => Object.keys(s.authorizations ?? {})))].filter((id) => id !== PORTAL_CLIENT_ID);
    const clients = clientIds.length ? await this.dataSource.getRepository(OidcClientEntity).findBy({ clientId: In(clientIds) }) : [];
    const names = new Map(clients.map((c) => [c.clientId, c.name]));
    return sessions
      .map((session): SessionInfo => {
        const device = devices.find((d) => d.sessionUid === session.uid);
        const signedInAt = device?.signedInAt ?? new Date((session.loginTs ?? 0) * 1000);
        return {
          id: session.uid,
          current: session.uid === currentUid,
          ...describeUserAgent(device?.userAgent ?? ''),
          ipAddress: device?.ip ?? null,
          place: null,
          signedInAt: signedInAt.toISOString(),
          lastSeenAt: (device?.lastSeenAt ?? signedInAt).toISOString(),
          apps: Object.keys(session.authorizations ?? {}).flatMap((id) => names.get(id) ?? []),
        };
      })
      .sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
  }

  /** Ends one session of this account. Returns false when there is no such session. */
  async end(accountId: string, sessionUid: string, actor: string, context: RequestContext): Promise<boolean> {
    const session = await this.host.provider.Session.findByUid(sessionUid);
    if (!session || session.accountId !== accountId) return false;
    await this.endSession(session as unknown as StoredSession & { destroy(): Promise<void> }, accountId);
    await this.audit.record({ type: 'session.ended', outcome: 'success', actor, subject: accountId, details: { session: sessionUid } }, context);
    return true;
  }

  /** Ends this browser's session (portal sign-out). */
  async endCurrent(req: Request, res: Response, context: RequestContext): Promise<void> {
    const session = await this.currentSession(req, res);
    if (session?.accountId) {
      await this.endSession(session as unknown as StoredSession & { destroy(): Promise<void> }, session.accountId);
      await this.audit.record({ type: 'auth.signed_out', outcome: 'success', actor: session.accountId, subject: session.accountId }, context);
    }
    clearSessionCookie(res);
  }

  /**
   * Signs the account out everywhere: every session ends (apps told by back-channel logout) and
   * every grant is revoked, including offline ones not tied to a session — no token survives.
   */
  async endAll(accountId: string, actor: string, context: RequestContext, reason = 'sign_out_everywhere'): Promise<number> {
    const provider = this.host.provider;
    const rows = await this.dataSource.getRepository(OidcPayloadEntity).findBy({ model: 'Session', accountId });
    let ended = 0;
    const told = new Set<string>();
    for (const row of rows) {
      const session = await provider.Session.find(row.id);
      if (session) {
        for (const clientId of await this.endSession(session as unknown as StoredSession & { destroy(): Promise<void> }, accountId)) told.add(clientId);
        ended += 1;
      }
    }
    // Apps holding a grant with no session left (offline access) are told too, by subject alone.
    const grants = await this.dataSource.getRepository(OidcPayloadEntity).findBy({ model: 'Grant', accountId });
    for (const clientId of new Set(grants.map((g) => String((JSON.parse(g.payload) as { clientId?: unknown }).clientId)))) {
      if (!told.has(clientId)) await this.tellApp(clientId, accountId, undefined);
    }
    await this.dataSource.getRepository(OidcPayloadEntity).delete({ accountId });
    await this.dataSource.getRepository(SessionDeviceEntity).delete({ accountId });
    await this.audit.record({ type: 'session.ended_all', outcome: 'success', actor, subject: accountId, details: { sessions: ended, reason } }, context);
    return ended;
  }

  /**
   * Ends every session but `keepUid` and revokes every grant that session doesn't hold (after a
   * password change: whoever knew the old password is out, this browser stays signed in).
   */
  async endOthers(accountId: string, keepUid: string, actor: string, context: RequestContext): Promise<number> {
    const provider = this.host.provider;
    const payloads = this.dataSource.getRepository(OidcPayloadEntity);
    let ended = 0;
    let keptGrants: string[] = [];
    for (const row of await payloads.findBy({ model: 'Session', accountId })) {
      const session = await provider.Session.find(row.id);
      if (!session) continue;
      if (session.uid === keepUid) {
        keptGrants = Object.values((session as unknown as StoredSession).authorizations ?? {}).flatMap((a) => a.grantId ?? []);
        continue;
      }
      await this.endSession(session as unknown as StoredSession & { destroy(): Promise<void> }, accountId);
      ended += 1;
    }
    const leftovers = await payloads.find({ select: { model: true, id: true, grantId: true }, where: { accountId } });
    for (const row of leftovers) {
      if (row.model !== 'Session' && row.grantId && !keptGrants.includes(row.grantId)) await payloads.delete({ model: row.model, id: row.id });
    }
    await this.audit.record({ type: 'session.ended_others', outcome: 'success', actor, subject: accountId, details: { sessions: ended } }, context);
    return ended;
  }

  /**
   * Ends this account's use of some apps without ending its sessions (a guest's app taken away):
   * each app signed in through a session is told by back-channel logout, and every grant and token
   * issued to those apps for this account — offline ones too — is revoked.
   */
  async endClientAccess(accountId: string, clientIds: readonly string[], actor: string, context: RequestContext): Promise<void> {
    if (clientIds.length === 0) return;
    const wanted = new Set(clientIds);
    const payloads = this.dataSource.getRepository(OidcPayloadEntity);
    const rows = await payloads.findBy({ accountId });
    for (const row of rows.filter((r) => r.model === 'Session')) {
      const session = JSON.parse(row.payload) as StoredSession;
      for (const [clientId, authorization] of Object.entries(session.authorizations ?? {})) {
        if (wanted.has(clientId)) await this.tellApp(clientId, accountId, authorization.sid);
      }
    }
    const doomed = rows.filter((r) => r.model !== 'Session' && wanted.has(String((JSON.parse(r.payload) as { clientId?: unknown }).clientId)));
    const grantIds = new Set(doomed.flatMap((r) => (r.model === 'Grant' ? [r.id] : r.grantId ? [r.grantId] : [])));
    for (const row of doomed) await payloads.delete({ model: row.model, id: row.id });
    for (const grantId of grantIds) await payloads.delete({ grantId });
    await this.audit.record({ type: 'session.apps_ended', outcome: 'success', actor, subject: accountId, details: { clients: [...wanted].join(','), grants: grantIds.size } }, context);
  }

  private async tellApp(clientId: string, accountId: string, sid: string | undefined): Promise<void> {
    const client = await this.host.provider.Client.find(clientId);
    if (client?.backchannelLogoutUri && typeof client.backchannelLogout === 'function') {
      await client.backchannelLogout(accountId, sid ?? '').catch((error: Error) => {
        // The session still ends; the app will find out at its next token use.
        this.logger.warn(`Back-channel logout to ${clientId} failed: ${error.message}`);
      });
    }
  }

  /** Ends one session; returns the apps it told. */
  private async endSession(session: StoredSession & { destroy(): Promise<void> }, accountId: string): Promise<string[]> {
    const told: string[] = [];
    for (const [clientId, authorization] of Object.entries(session.authorizations ?? {})) {
      await this.tellApp(clientId, accountId, authorization.sid);
      told.push(clientId);
      if (authorization.grantId) await this.dataSource.getRepository(OidcPayloadEntity).delete({ grantId: authorization.grantId });
    }
    await session.destroy();
    await this.dataSource.getRepository(SessionDeviceEntity).delete({ sessionUid: session.uid });
    return told;
  }

  private async currentSession(req: Request, res: Response) {
    const provider = this.host.provider;
    const ctx = provider.createContext(req, res) as unknown as KoaContextWithOIDC;
    const session = await provider.Session.get(ctx);
    return session.accountId ? session : undefined;
  }

  private async touchDevice(sessionUid: string, accountId: string, req: Request, signIn = false): Promise<void> {
    const devices = this.dataSource.getRepository(SessionDeviceEntity);
    const now = this.clock.now();
    const existing = await devices.findOneBy({ sessionUid });
    if (existing && !signIn && now.getTime() - existing.lastSeenAt.getTime() < LAST_SEEN_RESOLUTION_MS) return;
    await devices.upsert(
      {
        sessionUid,
        accountId,
        userAgent: String(req.headers?.['user-agent'] ?? '').slice(0, 512),
        ip: (req.ip ?? req.socket?.remoteAddress ?? null)?.slice(0, 64) ?? null,
        signedInAt: existing?.signedInAt ?? now,
        lastSeenAt: now,
      },
      ['sessionUid'],
    );
  }
}

/** Drops the provider's session cookie (and its signature) from this browser. */
export function clearSessionCookie(res: Response): void {
  for (const name of ['_session', '_session.sig']) res.clearCookie(name, { path: '/' });
}
