import type { CategoryField } from '@passerelle/contracts';
import { cleanClientContext, categoryFieldProblems, DEFAULT_SETTINGS, dueTimes, fieldValueProblems, slaView, type Problems, type SlaFacts } from './support-rules';
import { orderedId } from './ticket-changes';

describe('Support rules', () => {
  const fields: CategoryField[] = [
    { key: 'model', label: 'Model', type: 'select', required: true, options: ['A', 'B'] },
    { key: 'note', label: 'Note', type: 'text', required: false },
    { key: 'ok', label: 'Agreed', type: 'checkbox', required: true },
  ];

  it('checks field values: unknown keys, required ones, choices, types', () => {
    const problems: Problems = {};
    fieldValueProblems(fields, { model: 'C', extra: 'x', ok: 'yes' }, problems);
    expect(Object.keys(problems).sort()).toEqual(['fields.extra', 'fields.model', 'fields.ok']);
    const clean: Problems = {};
    expect(fieldValueProblems(fields, { model: 'A', note: '  hi ', ok: true }, clean)).toEqual({ model: 'A', note: 'hi', ok: true });
    expect(clean).toEqual({});
  });

  it('checks an administrator’s field definitions', () => {
    const problems: Problems = {};
    categoryFieldProblems([{ key: 'Bad Key', label: '', type: 'select', required: true, options: [] }, { key: 'a', label: 'A', type: 'text', required: false, options: ['x'] }], problems);
    expect(Object.keys(problems).sort()).toEqual(['fields[0].key', 'fields[0].label', 'fields[0].options', 'fields[1].options']);
  });

  it('keeps the page URL only on the token’s origin, and caps lengths', () => {
    expect(cleanClientContext({ pageUrl: 'https://app.example/x?y=1', os: 'Linux' }, 'https://app.example')).toEqual({ context: { pageUrl: 'https://app.example/x?y=1', os: 'Linux' }, pageUrlRejected: false });
    expect(cleanClientContext({ pageUrl: 'javascript:alert(1)' }, 'https://app.example').pageUrlRejected).toBeTrue();
    expect(cleanClientContext({ pageUrl: 'https://other.example/' }, 'https://app.example').pageUrlRejected).toBeTrue();
    expect(cleanClientContext({ browser: 'x'.repeat(600), nested: { a: 1 } }, 'https://app.example').context).toEqual({ browser: 'x'.repeat(500) });
  });

  it('computes SLA due times and breaches in wall-clock time', () => {
    const filed = new Date('2027-01-01T10:00:00Z');
    const due = dueTimes(DEFAULT_SETTINGS, 'urgent', filed);
    expect(due.firstResponseDueAt.toISOString()).toBe('2027-01-01T11:00:00.000Z');
    expect(due.resolutionDueAt.toISOString()).toBe('2027-01-01T18:00:00.000Z');
    const facts: SlaFacts = { status: 'new', ...due, firstResponseAt: null, resolvedAt: null, closedAt: null, mergedIntoId: null };
    expect(slaView(facts, new Date('2027-01-01T10:30:00Z')).firstResponseBreached).toBeFalse();
    expect(slaView(facts, new Date('2027-01-01T11:30:00Z')).firstResponseBreached).toBeTrue();
    const answeredLate = { ...facts, status: 'in_progress' as const, firstResponseAt: new Date('2027-01-01T12:00:00Z') };
    expect(slaView(answeredLate, new Date('2027-01-01T12:30:00Z'))).toEqual(jasmine.objectContaining({ firstResponseBreached: true, resolutionBreached: false }));
    expect(slaView({ ...answeredLate, mergedIntoId: 'x' }, new Date('2027-01-02T00:00:00Z')).resolutionBreached).toBeFalse();
  });

  it('makes ids that sort in the order they were made', () => {
    const ids = Array.from({ length: 50 }, () => orderedId());
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBeTrue();
  });
});
