import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed guesses of a secret (password, TOTP code, recovery code), counted per key — `account:<id>`
 * or `ip:<address>` — in the database so every portal process sees the same counts.
 */
@Entity('auth_throttles')
export class AuthThrottleEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'integer', default: 0 })
  failures: number;

  @Column({ name: 'window_started_at', type: Date })
  windowStartedAt: Date;

  @Column({ name: 'last_failure_at', type: Date })
  lastFailureAt: Date;

  /** No attempt is checked before this time. */
  @Column({ name: 'blocked_until', type: Date, nullable: true })
  blockedUntil: Date | null;
}
