import { PENDING_TTL_MS, SESSION_TTL_MS, SessionStore, type Person } from './sessions';

const person = (sub: string): Person => ({ sub, name: `Person ${sub}`, email: `${sub}@acme.test`, groups: [], locale: null });

describe('SessionStore', () => {
  let now: number;
  let store: SessionStore;
  const session = (sub: string, sid: string | null) => store.create({ person: person(sub), sid, idToken: 'id-token', signedInAt: new Date(now), authTime: null });

  beforeEach(() => {
    now = Date.UTC(2026, 0, 1);
    store = new SessionStore(() => now);
  });

  it('gives every session a long random id and finds it by that id only', () => {
    const a = session('u1', 's1');
    const b = session('u1', 's1');
    expect(a.id).toMatch(/^[\w-]{43}$/);
    expect(a.id).not.toBe(b.id);
    expect(store.get(a.id)?.person.sub).toBe('u1');
    expect(store.get(undefined)).toBeUndefined();
    expect(store.get('')).toBeUndefined();
    expect(store.get('nope')).toBeUndefined();
  });

  it('back-channel logout by sid ends the sessions of that Passerelle session only', () => {
    const a = session('u1', 's1');
    const b = session('u1', 's2');
    const c = session('u2', 's1');
    expect(store.endFor({ sid: 's1', sub: 'u1' })).toBe(2);
    expect(store.get(a.id)).toBeUndefined();
    expect(store.get(c.id)).toBeUndefined();
    expect(store.get(b.id)).toBeDefined();
  });

  it('back-channel logout by sub alone ends every session of that person', () => {
    session('u1', 's1');
    session('u1', 's2');
    const other = session('u2', 's3');
    expect(store.endFor({ sub: 'u1' })).toBe(2);
    expect(store.count).toBe(1);
    expect(store.get(other.id)).toBeDefined();
    expect(store.endFor({})).toBe(0);
  });

  it('forgets sessions after their lifetime', () => {
    const a = session('u1', 's1');
    now += SESSION_TTL_MS - 1;
    expect(store.get(a.id)).toBeDefined();
    now += 1;
    expect(store.get(a.id)).toBeUndefined();
    expect(store.count).toBe(0);
  });

  it('a sign-in under way can be finished once, and only before it expires', () => {
    const pending = { state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/' };
    const id = store.startSignIn(pending);
    expect(store.takeSignIn(id)).toEqual(pending);
    expect(store.takeSignIn(id)).toBeUndefined();
    const late = store.startSignIn(pending);
    now += PENDING_TTL_MS;
    expect(store.takeSignIn(late)).toBeUndefined();
    expect(store.takeSignIn(undefined)).toBeUndefined();
  });
});
