// In-memory state of one demo app: signed-in sessions and sign-ins under way. A demo app forgets
// everyone when it restarts, which is fine: the next visit signs in again without a prompt.
import { randomBytes } from 'node:crypto';

export interface Person {
  sub: string;
  name: string;
  email: string;
  groups: string[];
  locale: string | null;
}

export interface DemoSession {
  /** The cookie value: 256 random bits, never shown. */
  readonly id: string;
  readonly person: Person;
  /** Passerelle's session id (`sid` of the ID token): what back-channel logout names. */
  readonly sid: string | null;
  readonly idToken: string;
  readonly signedInAt: Date;
  /** When the person proved who they are at Passerelle (`auth_time`). */
  readonly authTime: Date | null;
  readonly expiresAt: number;
}

/** A sign-in sent to Passerelle and not back yet; bound to the browser by a short-lived cookie. */
export interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** Where to go after the callback: a path on the app itself. */
  readonly returnTo: string;
}

export const newSessionId = (): string => randomBytes(32).toString('base64url');

/** Entries that expire, with a cap so that a flood of sign-in starts can't grow memory without bound. */
class ExpiringMap<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number,
  ) {}

  set(key: string, value: T): number {
    this.sweep();
    // The oldest entry gives way (Map keeps insertion order).
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    const expiresAt = this.now() + this.ttlMs;
    this.entries.set(key, { value, expiresAt });
    return expiresAt;
  }

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  take(key: string): T | undefined {
    const value = this.get(key);
    this.entries.delete(key);
    return value;
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  /** Deletes the entries whose value matches; returns how many. */
  deleteWhere(match: (value: T) => boolean): number {
    let count = 0;
    for (const [key, entry] of this.entries) {
      if (match(entry.value)) {
        this.entries.delete(key);
        count++;
      }
    }
    return count;
  }

  get size(): number {
    this.sweep();
    return this.entries.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}

export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
export const PENDING_TTL_MS = 10 * 60 * 1000;

export class SessionStore {
  private readonly sessions: ExpiringMap<DemoSession>;
  private readonly pending: ExpiringMap<PendingSignIn>;

  constructor(private readonly now: () => number = Date.now) {
    this.sessions = new ExpiringMap(SESSION_TTL_MS, 10_000, now);
    this.pending = new ExpiringMap(PENDING_TTL_MS, 10_000, now);
  }

  create(data: Omit<DemoSession, 'id' | 'expiresAt'>): DemoSession {
    const id = newSessionId();
    const session = { ...data, id, expiresAt: this.now() + SESSION_TTL_MS };
    this.sessions.set(id, session);
    return session;
  }

  get(id: string | undefined): DemoSession | undefined {
    return id ? this.sessions.get(id) : undefined;
  }

  delete(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  /** Back-channel logout: every session of that Passerelle session (`sid`), else of that person (`sub`). */
  endFor(logout: { sid?: string; sub?: string }): number {
    if (logout.sid) return this.sessions.deleteWhere((s) => s.sid === logout.sid);
    if (logout.sub) return this.sessions.deleteWhere((s) => s.person.sub === logout.sub);
    return 0;
  }

  get count(): number {
    return this.sessions.size;
  }

  startSignIn(pending: PendingSignIn): string {
    const id = newSessionId();
    this.pending.set(id, pending);
    return id;
  }

  /** Single use: a replayed callback finds nothing. */
  takeSignIn(id: string | undefined): PendingSignIn | undefined {
    return id ? this.pending.take(id) : undefined;
  }
}
