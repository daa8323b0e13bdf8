import type { EntityManager } from 'typeorm';
import { UserEntity } from '../accounts/entities/user.entity';
import { GuestEntity } from './entities/guest.entity';

/** The employee who sponsors this guest: null when the account is no guest's or has no sponsor any more. */
export async function sponsorOf(manager: EntityManager, guestUserId: string): Promise<UserEntity | null> {
  const guest = await manager.findOneBy(GuestEntity, { userId: guestUserId });
  return guest?.sponsorId ? manager.findOneBy(UserEntity, { id: guest.sponsorId }) : null;
}
