import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { DataSource, MoreThan } from 'typeorm';
import type { WidgetTokenResponse } from '@passerelle/contracts';
import { DEFAULT_LOCALE } from '@passerelle/contracts';
import { Clock } from '../../../infra/clock';
import { SecretBox } from '../../../infra/crypto/secret-box';
import { AccountAccess } from '../../accounts/account-access';
import { UserEntity } from '../../accounts/entities/user.entity';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../http/app-error';
import type { RequestContext } from '../../http/request-context';
import { OidcPayloadEntity } from '../../identity/entities/oidc-payload.entity';
import type { PortalUser } from '../../identity/session/portal-user';
import { RateWindow } from './rate-window';
import { WidgetOrigins } from './widget-origins';

/** A widget token lives this long at most (and never past its session). */
export const WIDGET_TOKEN_HOURS = 8;
const TOKEN_PURPOSE = 'support-widget-token';

/** What a widget token carries, sealed (AES-GCM under the instance key): nobody can read or forge it. */
interface TokenClaims {
  /** Person id. */
  u: string;
  /** The provider session's uid: the token ends with the session. */
  s: string;
  /** The origin the widget runs on. */
  o: string;
  /** Expiry, ms since the epoch. */
  e: number;
  /** Connection id, for the audit trail. */
  c: string;
}

/** Where a support request came from, as the server knows it (never the client's say-so). */
export interface SupportOrigin {
  origin: string;
  app: { id: string; name: string } | null;
}

const WIDGET_ORIGIN = Symbol('support-widget-origin');
type WidgetRequest = Request & { [WIDGET_ORIGIN]?: SupportOrigin };

/** `Authorization: Bearer <token>` → the token; undefined without one. */
export function bearerOf(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/**
 * The support widget's access: tokens issued to a signed-in person for one origin (the portal's
 * or a registered app's), checked on every use — alive session, usable account, same origin,
 * origin still allowed — and turned into the same PortalUser the session cookie gives.
 */
@Injectable()
export class WidgetAccessService {
  /** Per session and per address: a widget connects once per page load, not in a loop. */
  private readonly perSession = new RateWindow(30, 10 * 60_000, 'widget connections');
  private readonly perAddress = new RateWindow(120, 10 * 60_000, 'widget connections from this address');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    private readonly access: AccountAccess,
    private readonly audit: AuditService,
    private readonly origins: WidgetOrigins,
  ) {}

  /** Whether the widget may run on `origin` (the portal's own, or a registered app's). */
  async allowed(origin: string | undefined): Promise<SupportOrigin | undefined> {
    const found = await this.origins.find(origin);
    return found && origin ? { origin, app: found.app } : undefined;
  }

  /**
   * A token for `user` on `origin` (400 naming `origin` when the widget may not run there). Each
   * issuance is one connection, audited once as `support.widget.connected`.
   */
  async issue(user: PortalUser, origin: unknown, context: RequestContext): Promise<WidgetTokenResponse> {
    const nowMs = this.clock.now().getTime();
    this.perSession.take(user.sessionUid, nowMs);
    this.perAddress.take(context.ip ?? 'unknown', nowMs);
    const allowed = typeof origin === 'string' ? await this.allowed(origin) : undefined;
    if (!allowed) {
      throw new AppError('validation_failed', 400, 'The support widget can’t be used on this site.', {
        origin: ['Only Passerelle itself and the apps registered in its catalog can use the support widget.'],
      });
    }
    const session = await this.liveSession(user.sessionUid, user.id);
    if (!session) throw new AppError('unauthorized', 401, 'Sign in to continue.');
    const cap = nowMs + WIDGET_TOKEN_HOURS * 3_600_000;
    const expiresMs = Math.min(cap, session.expiresAt?.getTime() ?? cap);
    const claims: TokenClaims = { u: user.id, s: user.sessionUid, o: allowed.origin, e: expiresMs, c: randomUUID() };
    const token = this.box.seal(JSON.stringify(claims), TOKEN_PURPOSE);
    await this.audit.record(
      { type: 'support.widget.connected', outcome: 'success', actor: user.id, subject: user.id, details: { origin: allowed.origin, app: allowed.app?.id ?? null, connection: claims.c } },
      context,
    );
    return {
      token,
      expiresAt: new Date(expiresMs).toISOString(),
      requester: { id: user.id, name: user.name, email: user.email, locale: user.locale ?? DEFAULT_LOCALE },
    };
  }

  /**
   * The person behind a widget token, or undefined when it is not one of ours, has expired, its
   * session ended, the account may no longer be used, the request comes from another origin, or the
   * origin is no longer allowed. Remembers the origin on the request for `originOf`.
   */
  async authenticate(req: Request, token: string): Promise<PortalUser | undefined> {
    const claims = this.open(token);
    if (!claims || claims.e <= this.clock.now().getTime()) return undefined;
    // Browsers send Origin on every cross-origin request: a token replayed from another site fails.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== claims.o) return undefined;
    const allowed = await this.allowed(claims.o);
    if (!allowed) return undefined;
    const session = await this.liveSession(claims.s, claims.u);
    if (!session) return undefined;
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: claims.u }, relations: { groups: true } });
    if (!this.access.usable(user)) return undefined;
    (req as WidgetRequest)[WIDGET_ORIGIN] = allowed;
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
      sessionUid: claims.s,
      amr: amrOf(session.payload),
    };
  }

  /** True when the request was authenticated with a widget token (not the session cookie). */
  viaWidgetToken(req: Request): boolean {
    return (req as WidgetRequest)[WIDGET_ORIGIN] !== undefined;
  }

  /** The origin (and app) a support request came from: the token's, or the portal's own for the session cookie. */
  originOf(req: Request): SupportOrigin {
    return (req as WidgetRequest)[WIDGET_ORIGIN] ?? { origin: this.origins.portal, app: null };
  }

  private open(token: string): TokenClaims | undefined {
    if (token.length > 2000) return undefined;
    try {
      const claims = JSON.parse(this.box.open(token, TOKEN_PURPOSE)) as Partial<TokenClaims>;
      if (typeof claims.u !== 'string' || typeof claims.s !== 'string' || typeof claims.o !== 'string' || typeof claims.e !== 'number' || typeof claims.c !== 'string') return undefined;
      return claims as TokenClaims;
    } catch {
      return undefined;
    }
  }

  private liveSession(sessionUid: string, userId: string): Promise<OidcPayloadEntity | null> {
    return this.dataSource.getRepository(OidcPayloadEntity).findOne({
      where: { model: 'Session', uid: sessionUid, accountId: userId, expiresAt: MoreThan(this.clock.now()) },
    });
  }
}

function amrOf(payload: string): string[] {
  try {
    const amr = (JSON.parse(payload) as { amr?: unknown }).amr;
    return Array.isArray(amr) ? amr.filter((a): a is string => typeof a === 'string') : [];
  } catch {
    return [];
  }
}
