import { DraftStore, draftKey } from './draft';

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('DraftStore', () => {
  let storage: MemoryStorage;
  let ids: number;
  const store = (origin = 'https://portal.example') => new DraftStore(origin, storage, () => `req-${++ids}`);

  beforeEach(() => {
    storage = new MemoryStorage();
    ids = 0;
  });

  it('restores what was typed, the uploads and the same requestId after a reload', () => {
    const first = store();
    const draft = first.load();
    expect(draft.requestId).toBe('req-1');
    first.save({ ...draft, categoryId: 'c1', appId: 'app-9', subject: 'Printer', description: 'Jammed', urgency: 'high', fields: { floor: '3', urgent: true }, attachments: [{ id: 'a1', name: 'shot.png', size: 10 }] });

    const afterReload = store().load();
    expect(afterReload).toEqual({
      requestId: 'req-1',
      categoryId: 'c1',
      appId: 'app-9',
      subject: 'Printer',
      description: 'Jammed',
      urgency: 'high',
      fields: { floor: '3', urgent: true },
      attachments: [{ id: 'a1', name: 'shot.png', size: 10 }],
    });
  });

  it('keeps one draft per portal origin and never stores a token', () => {
    const a = store('https://a.example');
    a.save({ ...a.load(), subject: 'A' });
    expect(store('https://b.example').load().subject).toBe('');
    expect(Object.keys(JSON.parse(storage.getItem(draftKey('https://a.example')) ?? '{}'))).not.toContain('token');
  });

  it('starts over with a new requestId once the ticket was filed', () => {
    const s = store();
    s.save({ ...s.load(), subject: 'Sent' });
    const next = s.clear();
    expect(next.requestId).toBe('req-2');
    expect(storage.getItem(draftKey('https://portal.example'))).toBeNull();
    expect(store().load().subject).toBe('');
  });

  it('ignores a corrupt or tampered draft', () => {
    storage.setItem(draftKey('https://portal.example'), '{not json');
    expect(store().load().subject).toBe('');
    storage.setItem(draftKey('https://portal.example'), JSON.stringify({ subject: 3, urgency: 'panic', fields: { x: { y: 1 } }, attachments: [{ id: 1 }] }));
    const draft = store().load();
    expect(draft.subject).toBe('');
    expect(draft.urgency).toBe('');
    expect(draft.fields).toEqual({});
    expect(draft.attachments).toEqual([]);
    expect(draft.requestId).toBeTruthy();
  });
});
