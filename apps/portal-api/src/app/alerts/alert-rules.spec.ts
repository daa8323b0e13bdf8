import { checkAlert, contentHash } from './alert-rules';

describe('checkAlert (the push API body)', () => {
  const now = new Date('2027-03-01T10:00:00Z');
  const crm = new Set(['http://crm.intranet:8080']);
  const valid = { recipients: { users: ['amina@example.com'] }, title: 'Deal 42 waits for you' };

  it('applies defaults and trims: info, no link, no actions', () => {
    const { alert, problems } = checkAlert({ ...valid, title: '  Deal 42 waits for you  ' }, now, crm);
    expect(problems).toEqual({});
    expect(alert).toEqual(jasmine.objectContaining({ title: 'Deal 42 waits for you', severity: 'info', link: null, actions: [], dedupeKey: null, everyone: false, body: '' }));
  });

  it('names each field’s problem', () => {
    const { alert, problems } = checkAlert(
      { recipients: {}, title: '', severity: 'urgent', link: 'javascript:alert(1)', expiresAt: '2027-02-01T00:00:00Z', actions: [{ label: 'Go', url: 'http://evil.example/' }], colour: 'red' },
      now,
      crm,
    );
    expect(alert).toBeUndefined();
    expect(Object.keys(problems).sort()).toEqual(['actions[0].url', 'colour', 'expiresAt', 'link', 'recipients', 'severity', 'title']);
  });

  it('refuses control characters but keeps tabs and line breaks', () => {
    expect(Object.keys(checkAlert({ ...valid, body: 'bell\u0007' }, now, crm).problems)).toEqual(['body']);
    expect(checkAlert({ ...valid, body: 'line one\n\tline two\r\n' }, now, crm).problems).toEqual({});
  });

  it('prefixes problems with the batch item', () => {
    const { problems } = checkAlert({ recipients: { everyone: true } }, now, crm, 'alerts[2].');
    expect(Object.keys(problems)).toEqual(['alerts[2].title']);
  });

  it('accepts https anywhere and http only on the app’s own origin', () => {
    expect(checkAlert({ ...valid, link: 'https://elsewhere.example/x' }, now, crm).problems).toEqual({});
    expect(checkAlert({ ...valid, link: 'http://crm.intranet:8080/deals/42' }, now, crm).problems).toEqual({});
    expect(Object.keys(checkAlert({ ...valid, link: 'http://crm.intranet:9090/deals/42' }, now, crm).problems)).toEqual(['link']);
  });

  it('refuses an expiry in the past, without a time zone, or more than a year ahead', () => {
    for (const expiresAt of ['2027-02-28T10:00:00Z', '2027-03-02T10:00:00', '2028-03-02T10:00:00Z', 'soon']) {
      expect(Object.keys(checkAlert({ ...valid, expiresAt }, now, crm).problems)).withContext(expiresAt).toEqual(['expiresAt']);
    }
  });

  it('tells a retry from a change by the content hash (recipient order does not matter)', () => {
    const a = checkAlert({ recipients: { users: ['a@x.ch', 'b@x.ch'] }, title: 'T' }, now, crm).alert!;
    const b = checkAlert({ recipients: { users: ['b@x.ch', 'a@x.ch'] }, title: 'T' }, now, crm).alert!;
    const c = checkAlert({ recipients: { users: ['a@x.ch', 'b@x.ch'] }, title: 'T', severity: 'critical' }, now, crm).alert!;
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).not.toBe(contentHash(c));
  });
});
