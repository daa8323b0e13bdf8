import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { SupportRoutes, type CreateTicketRequest, type SupportFormOptions } from '@passerelle/contracts';
import { SupportClient } from './api';
import { DraftStore, draftKey } from './draft';
import { NewTicketComponent } from './new-ticket.component';

const OPTIONS: SupportFormOptions = {
  categories: [
    {
      id: 'c1',
      name: 'Hardware',
      description: 'Printers, screens',
      fields: [{ key: 'asset', label: 'Asset tag', type: 'text', required: true }],
      defaultUrgency: 'high',
      archived: false,
      position: 0,
    },
  ],
  urgencies: ['low', 'normal', 'high', 'urgent'],
  attachments: { maxBytes: 1024, perMessage: 2, types: ['image/png'] },
  signInProblems: [],
  app: { id: 'a1', name: 'Wiki' },
  apps: [],
  reopenDays: 7,
  requester: { id: 'p1', name: 'Ada', locale: 'en' },
};
const PORTAL = 'https://portal.test';

describe('NewTicketComponent', () => {
  let requests: CreateTicketRequest[];
  let answers: Array<() => Promise<Response>>;

  function setUp(options: SupportFormOptions = OPTIONS) {
    const fetchFn = ((_url: string, init: RequestInit) => {
      requests.push(JSON.parse(String(init.body)) as CreateTicketRequest);
      const next = answers.shift();
      return next ? next() : new Promise<Response>(() => undefined);
    }) as unknown as typeof fetch;
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    const fixture = TestBed.createComponent(NewTicketComponent);
    fixture.componentRef.setInput('lang', 'en');
    fixture.componentRef.setInput('options', options);
    fixture.componentRef.setInput('client', new SupportClient(() => PORTAL, () => 'tok', () => undefined, fetchFn));
    fixture.componentRef.setInput('drafts', new DraftStore(PORTAL));
    fixture.componentRef.setInput('upload', () => Promise.reject(new Error('no uploads here')));
    return fixture;
  }

  const ok = (body: unknown) => () => Promise.resolve(new Response(JSON.stringify(body), { status: 201, headers: { 'Content-Type': 'application/json' } }));
  const networkDown = () => Promise.reject(new TypeError('Failed to fetch'));
  const ticket = { id: 't1', number: 7 };

  beforeEach(() => {
    localStorage.removeItem(draftKey(PORTAL));
    requests = [];
    answers = [];
  });
  afterEach(() => localStorage.removeItem(draftKey(PORTAL)));

  function fill(component: NewTicketComponent) {
    component.chooseCategory('c1');
    component.setField('asset', 'PC-42');
    component.patch({ subject: 'Printer jammed', description: 'Paper stuck in tray 2' });
  }

  it('preselects the category’s urgency and lists what will be attached', async () => {
    const fixture = setUp();
    fixture.componentInstance.chooseCategory('c1');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect((el.querySelector('[data-testid="urgency"]') as HTMLSelectElement).value).toBe('high');
    const context = el.querySelector('[data-testid="context-list"]')?.textContent ?? '';
    expect(context).toContain('Wiki');
    expect(context).toContain(location.href);
    expect(context).toContain('none');
  });

  it('asks which of the person’s apps it is about only outside an app, and sends the choice', async () => {
    const inside = setUp();
    await inside.whenStable();
    expect(inside.nativeElement.querySelector('[data-testid="app"]')).toBeNull();
    TestBed.resetTestingModule();

    const apps = [{ id: 'a2', name: 'Payroll' }, { id: 'a3', name: 'Timesheets' }];
    const fixture = setUp({ ...OPTIONS, app: null, apps });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const select = el.querySelector('[data-testid="app"]') as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.text.trim())).toEqual(['None in particular', 'Payroll', 'Timesheets']);
    expect(el.querySelector('label[for="pss-app"]')?.textContent).toContain('Which app is it about?');
    expect(el.querySelector('[data-testid="context-list"]')?.textContent).toContain('Passerelle');

    select.value = 'a3';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="context-list"]')?.textContent).toContain('Timesheets');
    fill(fixture.componentInstance);
    answers.push(ok({ ticket, created: true }));
    await fixture.componentInstance.submit(new Event('submit'));
    expect(requests[0].appId).toBe('a3');
  });

  it('sends no app of its own from inside an app, even with one left in the draft', async () => {
    localStorage.setItem(draftKey(PORTAL), JSON.stringify({ requestId: 'r-1', appId: 'a2' }));
    const fixture = setUp({ ...OPTIONS, apps: [{ id: 'a2', name: 'Payroll' }] });
    await fixture.whenStable();
    fill(fixture.componentInstance);
    answers.push(ok({ ticket, created: true }));
    await fixture.componentInstance.submit(new Event('submit'));
    expect(requests[0].appId).toBeUndefined();
  });

  it('refuses to send with required fields empty, naming them', async () => {
    const fixture = setUp();
    await fixture.whenStable();
    await fixture.componentInstance.submit(new Event('submit'));
    expect(requests.length).toBe(0);
    expect(Object.keys(fixture.componentInstance.errors())).toEqual(['categoryId', 'subject', 'description']);
    fixture.componentInstance.chooseCategory('c1');
    await fixture.componentInstance.submit(new Event('submit'));
    expect(fixture.componentInstance.errors()['fields.asset']).toBe('Asset tag: required');
  });

  it('keeps the draft and the same requestId after a network error, so the retry cannot file twice', async () => {
    const fixture = setUp();
    await fixture.whenStable();
    fill(fixture.componentInstance);
    answers.push(networkDown, ok({ ticket, created: true }));
    const sent = jasmine.createSpy('sent');
    fixture.componentInstance.sent.subscribe(sent);

    await fixture.componentInstance.submit(new Event('submit'));
    expect(fixture.componentInstance.formError()).toContain('network');
    expect(JSON.parse(localStorage.getItem(draftKey(PORTAL)) ?? '{}').subject).toBe('Printer jammed');

    await fixture.componentInstance.submit(new Event('submit'));
    expect(requests.length).toBe(2);
    expect(requests[1].requestId).toBe(requests[0].requestId);
    expect(requests[0]).toEqual(jasmine.objectContaining({ categoryId: 'c1', subject: 'Printer jammed', urgency: 'high', fields: { asset: 'PC-42' } }));
    expect(requests[0].context?.pageUrl).toBe(location.href);
    expect(sent).toHaveBeenCalledOnceWith(ticket);
    // Filed: the draft is gone and the next one has a new requestId.
    expect(localStorage.getItem(draftKey(PORTAL))).toBeNull();
    expect(fixture.componentInstance.draft().requestId).not.toBe(requests[0].requestId);
  });

  it('sends once on a double click, with the send button disabled meanwhile', async () => {
    const fixture = setUp();
    await fixture.whenStable();
    fill(fixture.componentInstance);
    let release: (r: Response) => void = () => undefined;
    answers.push(() => new Promise<Response>((resolve) => (release = resolve)));
    const first = fixture.componentInstance.submit(new Event('submit'));
    const second = fixture.componentInstance.submit(new Event('submit'));
    await fixture.whenStable();
    expect((fixture.nativeElement.querySelector('[data-testid="send"]') as HTMLButtonElement).disabled).toBeTrue();
    release(new Response(JSON.stringify({ ticket, created: true }), { status: 201 }));
    await Promise.all([first, second]);
    expect(requests.length).toBe(1);
  });

  it('restores the draft after a reload', async () => {
    const before = setUp();
    await before.whenStable();
    fill(before.componentInstance);
    const requestId = before.componentInstance.draft().requestId;
    TestBed.resetTestingModule();

    const after = setUp();
    await after.whenStable();
    expect(after.componentInstance.draft()).toEqual(jasmine.objectContaining({ requestId, categoryId: 'c1', subject: 'Printer jammed', fields: { asset: 'PC-42' } }));
    expect((after.nativeElement.querySelector('[data-testid="subject"]') as HTMLInputElement).value).toBe('Printer jammed');
  });

  it('posts to the tickets route of the portal with the bearer and no cookies', async () => {
    const calls: Array<[string, RequestInit]> = [];
    const client = new SupportClient(() => PORTAL, () => 'tok', () => undefined, ((url: string, init: RequestInit) => {
      calls.push([url, init]);
      return Promise.resolve(new Response('{}', { status: 200 }));
    }) as unknown as typeof fetch);
    await client.post(SupportRoutes.tickets, {});
    expect(calls[0][0]).toBe(`${PORTAL}/api/support/tickets`);
    expect(calls[0][1].credentials).toBe('omit');
    expect((calls[0][1].headers as Record<string, string>)['Authorization']).toBe('Bearer tok');
  });
});
