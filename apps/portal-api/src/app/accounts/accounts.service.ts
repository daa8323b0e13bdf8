import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isEmail } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type Locale } from '@passerelle/contracts';
import { Clock } from '../../infra/clock';
import { PasswordHasher } from '../../infra/crypto/password-hasher';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../http/app-error';
import type { RequestContext } from '../http/request-context';
import { findByNames, nameKey } from '../../infra/database/names';
import { GroupEntity } from './entities/group.entity';
import { UserEntity } from './entities/user.entity';

export interface NewUser {
  email: string;
  name: string;
  isAdmin?: boolean;
  groups?: string[];
  /** Plain password to hash; omit to create the account without one (it gets an activation link). */
  password?: string;
  locale?: Locale | null;
}

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  status: 'active' | 'disabled';
  kind: 'employee' | 'guest';
  /** The access window (guests); see account-access.ts. */
  accessStartsAt: Date | null;
  accessEndsAt: Date | null;
  groups: string[];
  hasPassword: boolean;
  createdAt: string;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Checks a new user's fields and returns per-field problems (empty when all is well). */
export function newUserProblems(user: NewUser): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const email = normaliseEmail(user.email ?? '');
  if (!email || email.length > EMAIL_MAX_LENGTH || !isEmail(email)) problems['email'] = ['Enter a valid email address, like marie@example.com.'];
  const name = (user.name ?? '').trim();
  if (!name || name.length > NAME_MAX_LENGTH) problems['name'] = [`Enter a name of 1 to ${NAME_MAX_LENGTH} characters.`];
  if (user.password !== undefined) {
    const problem = passwordProblem(user.password);
    if (problem) problems['password'] = [problem];
  }
  for (const group of user.groups ?? []) {
    if (!group.trim() || group.trim().length > 80) problems['groups'] = ['Group names have 1 to 80 characters.'];
  }
  return problems;
}

export function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  return undefined;
}

@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates a user (and any missing groups) in one transaction. Pass a manager to take part in a
   * larger transaction; the password is hashed before the transaction starts, to keep it short.
   */
  async createUser(input: NewUser, actor: string, context: RequestContext, manager?: EntityManager): Promise<UserEntity> {
    const problems = newUserProblems(input);
    if (Object.keys(problems).length > 0) throw new AppError('validation_failed', 400, 'Some fields are missing or not valid.', problems);
    const passwordHash = input.password === undefined ? null : await this.hasher.hash(input.password);
    const work = async (tx: EntityManager) => {
      const email = normaliseEmail(input.email);
      if (await tx.existsBy(UserEntity, { email })) {
        throw new AppError('email_taken', 409, 'An account with this email address already exists.', {
          email: ['An account with this email address already exists.'],
        });
      }
      const groups = await this.findOrCreateGroups(tx, input.groups ?? []);
      const user = tx.create(UserEntity, {
        id: randomUUID(),
        email,
        name: input.name.trim(),
        passwordHash,
        isAdmin: input.isAdmin ?? false,
        status: 'active',
        locale: input.locale ?? null,
        disabledAt: null,
        groups,
      });
      await tx.save(user);
      await this.audit.record(
        { type: 'user.created', outcome: 'success', actor, subject: user.id, details: { admin: user.isAdmin, groups: groups.length } },
        context,
        tx,
      );
      return user;
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  async listUsers(search?: string): Promise<UserSummary[]> {
    const query = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .leftJoinAndSelect('user.groups', 'group')
      .orderBy('user.email', 'ASC');
    if (search?.trim()) {
      const term = `%${search.trim().toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      query.where("(LOWER(user.email) LIKE :term ESCAPE '\\' OR LOWER(user.name) LIKE :term ESCAPE '\\')", { term });
    }
    const users = await query.getMany();
    return users.map(toSummary);
  }

  async findByEmailOrId(emailOrId: string): Promise<UserEntity | null> {
    const key = emailOrId.trim();
    return this.dataSource.getRepository(UserEntity).findOne({
      where: key.includes('@') ? { email: normaliseEmail(key) } : { id: key },
      relations: { groups: true },
    });
  }

  /** Disables an account at once. Later features end its sessions and tokens here too. */
  async disableUser(emailOrId: string, actor: string, context: RequestContext): Promise<UserEntity> {
    const user = await this.findByEmailOrId(emailOrId);
    if (!user) throw new AppError('not_found', 404, `No user matches "${emailOrId}".`);
    if (user.status === 'disabled') return user;
    await this.dataSource.transaction(async (tx) => {
      // Locking everyone out would reopen first-run setup to whoever restarts the server.
      if (user.isAdmin && (await tx.countBy(UserEntity, { isAdmin: true, status: 'active' })) <= 1) {
        throw new AppError('conflict', 409, `${user.email} is the only active administrator; make someone else an administrator first.`);
      }
      user.status = 'disabled';
      user.disabledAt = this.clock.now();
      await tx.update(UserEntity, { id: user.id }, { status: 'disabled', disabledAt: user.disabledAt });
      await this.audit.record({ type: 'user.disabled', outcome: 'success', actor, subject: user.id }, context, tx);
    });
    return user;
  }

  /** Group names match whatever their case ("it" is the existing "IT"), as the groups console requires. */
  private async findOrCreateGroups(tx: EntityManager, names: string[]): Promise<GroupEntity[]> {
    const wanted = new Map<string, string>();
    for (const name of names.map((n) => n.trim()).filter(Boolean)) if (!wanted.has(nameKey(name))) wanted.set(nameKey(name), name);
    const existing = await findByNames(tx, GroupEntity, [...wanted.values()]);
    const found = new Set(existing.map((g) => nameKey(g.name)));
    const created = [...wanted].filter(([key]) => !found.has(key)).map(([, name]) => tx.create(GroupEntity, { id: randomUUID(), name, description: '' }));
    if (created.length) await tx.save(created);
    return [...existing, ...created];
  }
}

export function toSummary(user: UserEntity): UserSummary {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    status: user.status,
    kind: user.kind,
    accessStartsAt: user.accessStartsAt,
    accessEndsAt: user.accessEndsAt,
    groups: (user.groups ?? []).map((g) => g.name).sort(),
    hasPassword: user.passwordHash !== null,
    createdAt: new Date(user.createdAt).toISOString(),
  };
}
