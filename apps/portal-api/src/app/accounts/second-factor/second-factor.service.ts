import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { TotpEnrolment } from '@passerelle/contracts';
import { Clock } from '../../../infra/clock';
import { SecretBox } from '../../../infra/crypto/secret-box';
import { AuditService } from '../../audit/audit.service';
import { INSTANCE_KEY } from '../../core.module';
import { AppError } from '../../http/app-error';
import type { RequestContext } from '../../http/request-context';
import { RecoveryCodeEntity } from '../entities/recovery-code.entity';
import { TotpCredentialEntity } from '../entities/totp-credential.entity';
import { deriveRecoveryCodeKey, generateRecoveryCodes, hashRecoveryCode } from './recovery-codes';
import {
  DEFAULT_TOTP_PARAMETERS,
  generateTotpSecret,
  groupSecret,
  matchTotpStep,
  otpauthUri,
  type TotpAlgorithm,
  type TotpParameters,
} from './totp';

const SECRET_PURPOSE = 'totp-secret';
const ALGORITHMS: readonly TotpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

export interface SecondFactorStatus {
  enrolled: boolean;
  enrolledAt: Date | null;
  recoveryCodesLeft: number;
}

export type TotpVerdict = 'ok' | 'reused' | 'invalid';

/**
 * A person's second factor: one TOTP authenticator and a set of single-use recovery codes.
 * Checks are written as conditional updates (compare-and-set) so they hold under concurrency on
 * SQLite and PostgreSQL alike. Sign-in decisions are audited by the callers; changes here.
 */
@Injectable()
export class SecondFactorService {
  private readonly recoveryKey: Buffer;
  private readonly codeUsedListeners: Array<(userId: string, left: number) => Promise<void>> = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secretBox: SecretBox,
    @Inject(INSTANCE_KEY) instanceKey: Buffer,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {
    this.recoveryKey = deriveRecoveryCodeKey(instanceKey);
  }

  async status(userId: string): Promise<SecondFactorStatus> {
    const credential = await this.dataSource.manager.findOneBy(TotpCredentialEntity, { userId });
    const recoveryCodesLeft = await this.dataSource.manager.countBy(RecoveryCodeEntity, { userId, usedAt: IsNull() });
    if (!isActive(credential)) return { enrolled: false, enrolledAt: null, recoveryCodesLeft };
    return { enrolled: true, enrolledAt: credential.confirmedAt, recoveryCodesLeft };
  }

  /**
   * Stores a new pending secret (replacing an earlier pending one). An active authenticator keeps
   * working until the new one is confirmed, so abandoning a replacement locks nobody out.
   */
  async startEnrolment(userId: string, labels: { issuer: string; accountName: string }): Promise<TotpEnrolment> {
    return this.enrolmentFor(generateTotpSecret(), userId, labels);
  }

  /**
   * The enrolment in progress when it started less than `maxAgeMs` ago — so reloading the sign-in
   * page, or opening it in a second tab, shows the QR code already scanned — else a new one.
   */
  async pendingOrNewEnrolment(userId: string, labels: { issuer: string; accountName: string }, maxAgeMs: number): Promise<TotpEnrolment> {
    const credential = await this.dataSource.manager.findOneBy(TotpCredentialEntity, { userId });
    const recent = credential?.pendingSecretSealed && credential.pendingStartedAt && this.clock.now().getTime() - credential.pendingStartedAt.getTime() < maxAgeMs;
    if (!recent || !credential.pendingSecretSealed) return this.startEnrolment(userId, labels);
    return this.describe(this.secretBox.open(credential.pendingSecretSealed, SECRET_PURPOSE), labels);
  }

  private async enrolmentFor(secret: string, userId: string, labels: { issuer: string; accountName: string }): Promise<TotpEnrolment> {
    const pendingSecretSealed = this.secretBox.seal(secret, SECRET_PURPOSE);
    // One statement, so two starts at once can't both try to create the row.
    await this.dataSource.manager.upsert(
      TotpCredentialEntity,
      { userId, pendingSecretSealed, pendingStartedAt: this.clock.now() },
      { conflictPaths: ['userId'] },
    );
    return this.describe(secret, labels);
  }

  private async describe(secret: string, labels: { issuer: string; accountName: string }): Promise<TotpEnrolment> {
    const parameters = DEFAULT_TOTP_PARAMETERS;
    const uri = otpauthUri({ ...labels, secret, ...parameters });
    return {
      otpauthUri: uri,
      qrSvg: await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      secret: groupSecret(secret),
      issuer: labels.issuer,
      accountName: labels.accountName,
      ...parameters,
    };
  }

  /**
   * Checks a code from the new authenticator and, in one transaction, makes it the active one
   * (its step counts as used, so the same code can't sign in again), replaces the recovery codes
   * and records `totp.enrolled`. Returns the new recovery codes: the only time they exist in clear.
   */
  async confirmEnrolment(userId: string, code: string, context: RequestContext): Promise<string[]> {
    const credential = await this.dataSource.manager.findOneBy(TotpCredentialEntity, { userId });
    const pendingSealed = credential?.pendingSecretSealed;
    if (!credential || !pendingSealed) throw noPendingEnrolment();
    const now = this.clock.now();
    const parameters = DEFAULT_TOTP_PARAMETERS;
    const step = matchTotpStep(this.secretBox.open(pendingSealed, SECRET_PURPOSE), code, now, parameters);
    if (step === null) throw new AppError('totp_invalid', 400, 'This code is not valid. Enter the code your authenticator shows now.');
    const replaced = isActive(credential);
    const codes = generateRecoveryCodes();

    await this.dataSource.transaction(async (tx) => {
      // Only if the pending secret is still the one we checked (not replaced or confirmed meanwhile).
      const promoted = await tx
        .createQueryBuilder()
        .update(TotpCredentialEntity)
        .set({ ...parameters, secretSealed: pendingSealed, lastUsedStep: step, confirmedAt: now, pendingSecretSealed: null, pendingStartedAt: null })
        .where('user_id = :userId AND pending_secret_sealed = :pendingSealed', { userId, pendingSealed })
        .execute();
      if (promoted.affected !== 1) throw noPendingEnrolment();
      await this.replaceRecoveryCodes(tx, userId, codes);
      await this.audit.record({ type: 'totp.enrolled', outcome: 'success', actor: userId, subject: userId, details: { replaced } }, context, tx);
    });
    await this.codesRenewed(userId);
    return codes;
  }

  /**
   * Checks a code against the active authenticator. A matching code is accepted once: its time
   * step is recorded with compare-and-set, so the same code (or one from an earlier step) is
   * 'reused' afterwards, and of simultaneous submissions exactly one gets 'ok'.
   */
  async verifyCode(userId: string, code: string): Promise<TotpVerdict> {
    const credential = await this.dataSource.manager.findOneBy(TotpCredentialEntity, { userId });
    if (!isActive(credential)) return 'invalid';
    const secret = this.secretBox.open(credential.secretSealed, SECRET_PURPOSE);
    const step = matchTotpStep(secret, code, this.clock.now(), parametersOf(credential));
    if (step === null) return 'invalid';
    const claimed = await this.dataSource
      .createQueryBuilder()
      .update(TotpCredentialEntity)
      .set({ lastUsedStep: step })
      // The secret condition refuses a code checked against an authenticator replaced meanwhile.
      .where('user_id = :userId AND secret_sealed = :sealed AND (last_used_step IS NULL OR last_used_step < :step)', {
        userId,
        sealed: credential.secretSealed,
        step,
      })
      .execute();
    return claimed.affected === 1 ? 'ok' : 'reused';
  }

  /**
   * Proof of the second factor — a code from the authenticator, or else a recovery code — with the
   * refusal a person understands (distinct for a used code and a code out of its time window).
   * Returns which one was used. Callers throttle and audit around it.
   */
  async prove(userId: string, proof: { code?: string; recoveryCode?: string }): Promise<'totp' | 'recovery_code'> {
    const code = proof.code?.trim();
    const recoveryCode = proof.recoveryCode?.trim();
    if (code) {
      const verdict = await this.verifyCode(userId, code);
      if (verdict === 'ok') return 'totp';
      if (verdict === 'reused') throw fieldError('totp_reused', 'code', 'This code has already been used. Wait for the next one in your app.');
      throw fieldError('totp_invalid', 'code', 'This code is not valid now. Check that your device’s clock is set automatically, then use the newest code.');
    }
    if (recoveryCode) {
      if (await this.useRecoveryCode(userId, recoveryCode)) return 'recovery_code';
      throw fieldError('recovery_code_invalid', 'recoveryCode', 'This recovery code is not valid or has already been used.');
    }
    throw new AppError('second_factor_required', 400, 'Enter a code from your authenticator app, or one of your recovery codes.');
  }

  /** Spends a recovery code: true only for the call that spent it. */
  async useRecoveryCode(userId: string, code: string): Promise<boolean> {
    const codeHash = hashRecoveryCode(code, this.recoveryKey);
    if (codeHash === null) return false;
    const row = await this.dataSource.manager.findOneBy(RecoveryCodeEntity, { userId, codeHash, usedAt: IsNull() });
    if (!row) return false;
    const spent = await this.dataSource
      .createQueryBuilder()
      .update(RecoveryCodeEntity)
      .set({ usedAt: this.clock.now() })
      .where('id = :id AND used_at IS NULL', { id: row.id })
      .execute();
    if (spent.affected !== 1) return false;
    const left = await this.dataSource.manager.countBy(RecoveryCodeEntity, { userId, usedAt: IsNull() });
    for (const listener of this.codeUsedListeners) await listener(userId, left).catch(() => undefined);
    return true;
  }

  /** Called after a recovery code was spent, with how many are left (e.g. to warn when few remain); after new codes, with all of them. */
  onRecoveryCodeUsed(listener: (userId: string, left: number) => Promise<void>): void {
    this.codeUsedListeners.push(listener);
  }

  private async codesRenewed(userId: string): Promise<void> {
    const left = await this.dataSource.manager.countBy(RecoveryCodeEntity, { userId, usedAt: IsNull() });
    for (const listener of this.codeUsedListeners) await listener(userId, left).catch(() => undefined);
  }

  /** New recovery codes for an enrolled person; the old ones stop working at once. */
  async regenerateRecoveryCodes(userId: string, context: RequestContext): Promise<string[]> {
    const codes = generateRecoveryCodes();
    await this.dataSource.transaction(async (tx) => {
      if (!isActive(await tx.findOneBy(TotpCredentialEntity, { userId }))) {
        throw new AppError('bad_request', 400, 'Set up an authenticator before creating recovery codes.');
      }
      await this.replaceRecoveryCodes(tx, userId, codes);
      await this.audit.record({ type: 'recovery_codes.regenerated', outcome: 'success', actor: userId, subject: userId }, context, tx);
    });
    await this.codesRenewed(userId);
    return codes;
  }

  /** Administrator reset: removes the authenticator and recovery codes; the next sign-in enrols again. */
  async reset(userId: string, actor: string, context: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const removed = await tx.delete(TotpCredentialEntity, { userId });
      const codes = await tx.delete(RecoveryCodeEntity, { userId });
      await this.audit.record(
        {
          type: 'totp.reset',
          outcome: 'success',
          actor,
          subject: userId,
          details: { hadAuthenticator: (removed.affected ?? 0) > 0, recoveryCodesRemoved: codes.affected ?? 0 },
        },
        context,
        tx,
      );
    });
  }

  private hashOf(generatedCode: string): string {
    const hash = hashRecoveryCode(generatedCode, this.recoveryKey);
    if (hash === null) throw new Error('A generated recovery code did not normalise');
    return hash;
  }

  private async replaceRecoveryCodes(tx: EntityManager, userId: string, codes: string[]): Promise<void> {
    await tx.delete(RecoveryCodeEntity, { userId });
    await tx.insert(
      RecoveryCodeEntity,
      codes.map((code) => ({ id: randomUUID(), userId, codeHash: this.hashOf(code), usedAt: null })),
    );
  }
}

type ActiveCredential = TotpCredentialEntity & { secretSealed: string; confirmedAt: Date };

/** Enrolled: a confirmed secret (a pending one alone doesn't count). */
function isActive(credential: TotpCredentialEntity | null | undefined): credential is ActiveCredential {
  return !!credential?.secretSealed && !!credential.confirmedAt;
}

/** Stored parameters, falling back to the defaults for anything a database could hold but we don't support. */
function parametersOf(credential: TotpCredentialEntity): TotpParameters {
  const algorithm = ALGORITHMS.find((a) => a === credential.algorithm.toUpperCase()) ?? DEFAULT_TOTP_PARAMETERS.algorithm;
  const digits = credential.digits === 8 ? 8 : 6;
  return { algorithm, digits, period: credential.period > 0 ? credential.period : DEFAULT_TOTP_PARAMETERS.period };
}

function noPendingEnrolment(): AppError {
  return new AppError('bad_request', 400, 'No authenticator is being set up. Start again.');
}

function fieldError(code: 'totp_reused' | 'totp_invalid' | 'recovery_code_invalid', field: string, message: string): AppError {
  return new AppError(code, 400, message, { [field]: [message] });
}
