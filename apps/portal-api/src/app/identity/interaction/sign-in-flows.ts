import type { DataSource } from 'typeorm';
import { SignInFlowEntity } from '../entities/sign-in-flow.entity';

/** Reads and writes the progress of one sign-in (keyed by the provider's interaction uid). */
export class SignInFlows {
  constructor(private readonly dataSource: DataSource) {}

  private get rows() {
    return this.dataSource.getRepository(SignInFlowEntity);
  }

  async find(uid: string, now: Date): Promise<SignInFlowEntity | null> {
    const flow = await this.rows.findOneBy({ interactionUid: uid });
    return flow && flow.expiresAt.getTime() > now.getTime() ? flow : null;
  }

  async passwordVerified(uid: string, userId: string, now: Date, expiresAt: Date): Promise<void> {
    await this.rows.upsert(
      { interactionUid: uid, userId, passwordVerifiedAt: now, secondFactorVerifiedAt: null, amr: JSON.stringify(['pwd']), enrolled: false, expiresAt },
      ['interactionUid'],
    );
  }

  async secondFactorVerified(uid: string, now: Date, enrolled: boolean): Promise<void> {
    await this.rows.update({ interactionUid: uid }, { secondFactorVerifiedAt: now, amr: JSON.stringify(['pwd', 'otp']), enrolled });
  }

  async remove(uid: string): Promise<void> {
    await this.rows.delete({ interactionUid: uid });
  }

  /** Flows nobody finished; called opportunistically. */
  async purgeExpired(now: Date): Promise<void> {
    await this.rows.createQueryBuilder().delete().where('expires_at <= :now', { now }).execute();
  }
}
