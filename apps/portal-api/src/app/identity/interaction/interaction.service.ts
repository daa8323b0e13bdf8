import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { InteractionResults } from 'oidc-provider';
import type { InteractionState } from '@passerelle/contracts';
import { DataSource } from 'typeorm';
import { Clock } from '../../../infra/clock';
import { PasswordHasher } from '../../../infra/crypto/password-hasher';
import { AccountAccess, type AccessProblem } from '../../accounts/account-access';
import { normaliseEmail } from '../../accounts/accounts.service';
import { UserEntity } from '../../accounts/entities/user.entity';
import { SecondFactorService } from '../../accounts/second-factor/second-factor.service';
import { AuditService } from '../../audit/audit.service';
import { sponsorOf } from '../../guests/guest-sponsor';
import { EntitlementsService } from '../../catalog/entitlements.service';
import { AppError } from '../../http/app-error';
import type { RequestContext } from '../../http/request-context';
import { InstanceService } from '../../instance/instance.service';
import { OidcClientEntity } from '../entities/oidc-client.entity';
import { ACR_MFA, IMPLICIT_CONSENT_PARAM, NO_ACCESS_PROMPT, PORTAL_CLIENT_ID } from '../oidc/create-provider';
import { OidcProviderHost } from '../oidc/oidc-provider.host';
import { INTERACTION_TTL_SECONDS } from '../oidc/token-lifetimes';
import { LoginThrottleService } from '../throttle/login-throttle.service';
import { accountKey, attemptKeys } from '../throttle/throttle-keys';
import { SignInFlows } from './sign-in-flows';

const CLIENT_CACHE_MS = 10_000;

type Details = Awaited<ReturnType<OidcProviderHost['provider']['interactionDetails']>>;


/**
 * The sign-in steps oidc-provider hands to us: password, then TOTP (or a recovery code), with
 * enrolment on the first sign-in, then consent for apps an administrator didn't register. Progress
 * is kept in the database, keyed by the interaction, so any portal process can take the next step.
 */
@Injectable()
export class InteractionService {
  private readonly flows: SignInFlows;
  private dummyHash?: Promise<string>;
  private readonly clients = new Map<string, { client: { name: string; firstParty: boolean }; until: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly host: OidcProviderHost,
    private readonly hasher: PasswordHasher,
    private readonly secondFactor: SecondFactorService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly instance: InstanceService,
    private readonly entitlements: EntitlementsService,
    private readonly clock: Clock,
    private readonly access: AccountAccess,
  ) {
    this.flows = new SignInFlows(dataSource);
  }

  async state(req: Request, res: Response, context: RequestContext): Promise<InteractionState> {
    const details = await this.details(req, res);
    if (details.prompt.name === NO_ACCESS_PROMPT) return this.noAccess(req, res, details, context);
    if (details.prompt.name === 'consent') {
      const client = await this.clientOf(details);
      if (client.firstParty && this.consentImplicit(details)) return this.finish(req, res, details, { consent: { grantId: await this.grantConsent(details) } });
      return this.base(details, this.consentStep(details));
    }
    const flow = await this.flows.find(details.uid, this.clock.now());
    if (flow?.userId && flow.passwordVerifiedAt) {
      const user = await this.activeUser(flow.userId);
      if (flow.secondFactorVerifiedAt && flow.enrolled) return this.base(details, { step: 'recovery-codes', email: user.email });
      if (!flow.secondFactorVerifiedAt) {
        const { enrolled } = await this.secondFactor.status(user.id);
        if (enrolled) return this.base(details, { step: 'totp', email: user.email });
        return this.base(details, { step: 'enrol-totp', email: user.email, enrolment: await this.startEnrolment(user) });
      }
    }
    const hint = typeof details.params['login_hint'] === 'string' ? details.params['login_hint'] : undefined;
    return this.base(details, { step: 'password', email: hint });
  }

  async password(req: Request, res: Response, email: string, password: string, context: RequestContext): Promise<InteractionState> {
    const details = await this.loginDetails(req, res);
    const keys = attemptKeys(email, context.ip);
    await this.throttle.reserve(keys, context);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email: normaliseEmail(email) });
    // Unknown addresses cost one hash verification too, so timing doesn't reveal which accounts exist.
    const valid = await this.hasher.verify(user?.passwordHash ?? (await this.dummy()), password);
    if (!user || !user.passwordHash || !valid) {
      await this.audit.record({ type: 'auth.password', outcome: 'failure', subject: user?.id ?? null, details: { reason: user ? 'wrong_password' : 'unknown_email', client: clientIdOf(details) } }, context);
      throw new AppError('invalid_credentials', 401, 'This email and password don’t match an account.');
    }
    const problem = this.access.problem(user);
    if (problem) {
      // Only now, after the right password: whoever doesn't know it learns nothing about the account.
      const reason = user.kind === 'guest' && problem !== 'disabled' ? `guest_${problem}` : 'account_disabled';
      await this.audit.record({ type: 'auth.password', outcome: 'failure', subject: user.id, details: { reason } }, context);
      throw await this.refusal(user, problem);
    }
    await this.throttle.refund(keys);
    const now = this.clock.now();
    await this.flows.passwordVerified(details.uid, user.id, now, new Date(now.getTime() + INTERACTION_TTL_SECONDS * 1000));
    await this.audit.record({ type: 'auth.password', outcome: 'success', actor: user.id, subject: user.id, details: { client: clientIdOf(details) } }, context);
    const { enrolled } = await this.secondFactor.status(user.id);
    if (enrolled) return this.base(details, { step: 'totp', email: user.email });
    return this.base(details, { step: 'enrol-totp', email: user.email, enrolment: await this.startEnrolment(user) });
  }

  async totp(req: Request, res: Response, code: string, context: RequestContext): Promise<InteractionState> {
    return this.secondStep(req, res, { code }, context);
  }

  async recoveryCode(req: Request, res: Response, code: string, context: RequestContext): Promise<InteractionState> {
    return this.secondStep(req, res, { recoveryCode: code }, context);
  }

  /** The second factor at sign-in: a TOTP code, or a recovery code instead. */
  private async secondStep(req: Request, res: Response, proof: { code?: string; recoveryCode?: string }, context: RequestContext): Promise<InteractionState> {
    const { details, user } = await this.afterPassword(req, res);
    const keys = attemptKeys(user.email, context.ip);
    const type = proof.code ? 'auth.totp' : 'auth.recovery_code';
    await this.throttle.reserve(keys, context);
    try {
      await this.secondFactor.prove(user.id, proof);
    } catch (error) {
      await this.audit.record({ type, outcome: 'failure', actor: user.id, subject: user.id, details: { reason: (error as AppError).code ?? 'error' } }, context);
      throw error;
    }
    await this.throttle.refund(keys);
    const left = proof.recoveryCode ? { left: (await this.secondFactor.status(user.id)).recoveryCodesLeft } : undefined;
    await this.audit.record({ type, outcome: 'success', actor: user.id, subject: user.id, details: left }, context);
    return this.completeLogin(req, res, details, user, keys, context);
  }

  /** The first code from the new authenticator confirms it; the recovery codes are shown next, once. */
  async confirmEnrolment(req: Request, res: Response, code: string, context: RequestContext): Promise<InteractionState> {
    const { details, user } = await this.afterPassword(req, res);
    const keys = attemptKeys(user.email, context.ip);
    await this.throttle.reserve(keys, context);
    const codes = await this.secondFactor.confirmEnrolment(user.id, code, context);
    await this.throttle.refund(keys);
    await this.flows.secondFactorVerified(details.uid, this.clock.now(), true);
    return this.base(details, { step: 'recovery-codes', email: user.email, recoveryCodes: codes });
  }

  /** After the recovery codes were shown: the sign-in completes. */
  async finishAfterEnrolment(req: Request, res: Response, context: RequestContext): Promise<InteractionState> {
    const details = await this.loginDetails(req, res);
    const flow = await this.flows.find(details.uid, this.clock.now());
    if (!flow?.userId || !flow.secondFactorVerifiedAt) throw new AppError('bad_request', 400, 'Confirm your authenticator first.');
    const user = await this.activeUser(flow.userId);
    return this.completeLogin(req, res, details, user, [accountKey(user.email)], context);
  }

  async consent(req: Request, res: Response, approve: boolean, context: RequestContext): Promise<InteractionState> {
    const details = await this.details(req, res);
    if (details.prompt.name !== 'consent') throw new AppError('bad_request', 400, 'This sign-in is not asking for consent.');
    const subject = details.session?.accountId ?? null;
    await this.audit.record({ type: 'auth.consent', outcome: approve ? 'success' : 'failure', actor: subject, subject, details: { client: clientIdOf(details) } }, context);
    if (!approve) return this.finish(req, res, details, { error: 'access_denied', error_description: 'The person declined to share their details with this app.' });
    return this.finish(req, res, details, { consent: { grantId: await this.grantConsent(details) } });
  }

  async abort(req: Request, res: Response, context: RequestContext): Promise<InteractionState> {
    const details = await this.details(req, res);
    await this.flows.remove(details.uid);
    await this.audit.record({ type: 'auth.cancelled', outcome: 'failure', details: { client: clientIdOf(details) } }, context);
    return this.finish(req, res, details, { error: 'access_denied', error_description: 'The sign-in was cancelled.' });
  }

  private async completeLogin(req: Request, res: Response, details: Details, user: UserEntity, keys: string[], context: RequestContext): Promise<InteractionState> {
    await this.throttle.recordSuccess(keys);
    await this.flows.remove(details.uid);
    await this.dataSource.getRepository(UserEntity).update({ id: user.id }, { lastSignInAt: this.clock.now() });
    await this.audit.record({ type: 'auth.signed_in', outcome: 'success', actor: user.id, subject: user.id, details: { client: clientIdOf(details) } }, context);
    const result: InteractionResults = { login: { accountId: user.id, amr: ['pwd', 'otp'], acr: ACR_MFA, remember: true } };
    // First-party apps don't ask for consent: grant it now, so the browser goes straight back to the app.
    const client = await this.clientOf(details);
    if (client.firstParty && this.consentImplicit(details)) {
      result['consent'] = { grantId: await this.grantConsent({ ...details, session: { ...details.session, accountId: user.id } } as Details) };
    }
    return this.finish(req, res, details, result);
  }

  private async finish(req: Request, res: Response, details: Details, result: InteractionResults): Promise<InteractionState> {
    const redirectTo = await this.host.provider.interactionResult(req, res, result, { mergeWithLastSubmission: false });
    return this.base(details, { step: 'done', redirectTo });
  }

  private async grantConsent(details: Details): Promise<string> {
    const { Grant } = this.host.provider;
    const accountId = details.session?.accountId;
    const clientId = clientIdOf(details);
    if (!accountId) throw new AppError('interaction_expired', 400, 'This sign-in has expired. Start again.');
    const grant = (details.grantId ? await Grant.find(details.grantId) : undefined) ?? new Grant({ accountId, clientId });
    const scope = details.params['scope'];
    if (typeof scope === 'string') grant.addOIDCScope(scope);
    const missing = details.prompt.details['missingOIDCClaims'];
    if (Array.isArray(missing)) grant.addOIDCClaims(missing as string[]);
    return grant.save();
  }

  /**
   * The person is signed in but may not use this app: the page says so (and offers to request it).
   * Nothing here ever completes the authorization — unless access was given since, when the
   * provider checks again and carries on to the app.
   */
  private async noAccess(req: Request, res: Response, details: Details, context: RequestContext): Promise<InteractionState> {
    const accountId = details.session?.accountId;
    const clientId = clientIdOf(details);
    if (!accountId) throw new AppError('interaction_expired', 410, 'This sign-in has expired. Start again.');
    const user = await this.activeUser(accountId);
    if (await this.entitlements.mayUseClient(accountId, clientId)) return this.finish(req, res, details, {});
    // A client outside the catalog, refused (to a guest): named after the client, nothing to request.
    const app = (await this.entitlements.appForClient(clientId)) ?? { id: '', name: (await this.clientOf(details)).name, requestable: false };
    // Guests don't ask for apps (their sponsor chooses them): no "Request access" for them.
    const requestable = app.requestable && user.kind !== 'guest';
    const requestPending = requestable && (await this.entitlements.requestPending(accountId, app.id));
    await this.audit.record({ type: 'auth.no_access', outcome: 'failure', actor: accountId, subject: accountId, details: { client: clientId, app: app.id } }, context);
    return this.base(details, {
      step: 'no-access',
      email: user.email,
      noAccess: { appId: app.id, appName: app.name, requestable, requestPending },
    });
  }

  /** No consent screen for first-party apps, unless the app itself asked for one with prompt=consent. */
  private consentImplicit(details: Details): boolean {
    const prompts = String(details.params['prompt'] ?? '').split(' ');
    return !prompts.includes('consent') || details.params[IMPLICIT_CONSENT_PARAM] === this.host.implicitConsentMarker(clientIdOf(details));
  }

  private consentStep(details: Details): Omit<InteractionState, 'client' | 'organisationName'> {
    const scopes = String(details.params['scope'] ?? '').split(' ').filter(Boolean);
    const claims = Array.isArray(details.prompt.details['missingOIDCClaims']) ? (details.prompt.details['missingOIDCClaims'] as string[]) : [];
    return { step: 'consent', consent: { scopes, claims } };
  }

  private async base(details: Details, state: Omit<InteractionState, 'client' | 'organisationName'>): Promise<InteractionState> {
    return { ...state, client: await this.clientOf(details), organisationName: await this.instance.organisationName() };
  }

  /** Name and first-party flag of the app asking; read on every step, so kept for a few seconds. */
  private async clientOf(details: Details): Promise<{ name: string; firstParty: boolean }> {
    const clientId = clientIdOf(details);
    if (clientId === PORTAL_CLIENT_ID) return { name: 'Passerelle', firstParty: true };
    const cached = this.clients.get(clientId);
    if (cached && cached.until > performance.now()) return cached.client;
    const entity = await this.dataSource.getRepository(OidcClientEntity).findOneBy({ clientId });
    const client = { name: entity?.name ?? clientId, firstParty: entity?.firstParty ?? false };
    if (this.clients.size > 1000) this.clients.clear();
    this.clients.set(clientId, { client, until: performance.now() + CLIENT_CACHE_MS });
    return client;
  }

  private async details(req: Request, res: Response): Promise<Details> {
    try {
      return await this.host.provider.interactionDetails(req, res);
    } catch {
      throw new AppError('interaction_expired', 410, 'This sign-in has expired. Start again.');
    }
  }

  private async loginDetails(req: Request, res: Response): Promise<Details> {
    const details = await this.details(req, res);
    if (details.prompt.name !== 'login') throw new AppError('bad_request', 400, 'This sign-in is not at the password step.');
    return details;
  }

  private async afterPassword(req: Request, res: Response): Promise<{ details: Details; user: UserEntity }> {
    const details = await this.loginDetails(req, res);
    const flow = await this.flows.find(details.uid, this.clock.now());
    if (!flow?.userId || !flow.passwordVerifiedAt) throw new AppError('bad_request', 400, 'Enter your email and password first.');
    return { details, user: await this.activeUser(flow.userId) };
  }

  private async activeUser(userId: string): Promise<UserEntity> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw new AppError('account_disabled', 403, 'This account is disabled. Contact your IT team.');
    const problem = this.access.problem(user);
    if (problem) throw await this.refusal(user, problem);
    return user;
  }

  /** Why this account can't sign in: a guest hears when their access starts, or that it ended and whom to ask. */
  private async refusal(user: UserEntity, problem: AccessProblem): Promise<AppError> {
    if (user.kind !== 'guest' || problem === 'disabled') return new AppError('account_disabled', 403, 'This account is disabled. Contact your IT team.');
    if (problem === 'not_started') {
      const date = (user.accessStartsAt as Date).toISOString();
      return new AppError('guest_access_not_started', 403, `Your guest access starts on ${date.slice(0, 10)}.`, undefined, { date });
    }
    const sponsor = await sponsorOf(this.dataSource.manager, user.id);
    const date = (user.accessEndsAt as Date).toISOString();
    const ask = sponsor ? `Ask ${sponsor.name} (${sponsor.email}) to extend it.` : 'Ask the person who invited you to extend it.';
    return new AppError('guest_access_ended', 403, `Your guest access ended on ${date.slice(0, 10)}. ${ask}`, undefined, {
      date,
      ...(sponsor ? { sponsor: sponsor.name, sponsorEmail: sponsor.email } : {}),
    });
  }

  private async startEnrolment(user: UserEntity) {
    const labels = { issuer: await this.instance.organisationName(), accountName: user.email };
    return this.secondFactor.pendingOrNewEnrolment(user.id, labels, INTERACTION_TTL_SECONDS * 1000);
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.hasher.hash(`no-such-account-${Math.random()}`);
    return this.dummyHash;
  }
}

function clientIdOf(details: Details): string {
  return String(details.params['client_id'] ?? '');
}
