import { convertToParamMap } from '@angular/router';
import { DEFAULT_FILTERS, filtersFrom, filtersToParams, queueQuery } from './queue-filters';

describe('queue filters in the URL', () => {
  it('defaults to open tickets for anyone, and ignores values it does not know', () => {
    expect(filtersFrom(convertToParamMap({}))).toEqual(DEFAULT_FILTERS);
    expect(filtersFrom(convertToParamMap({ status: 'bogus', urgency: 'extreme' }))).toEqual(DEFAULT_FILTERS);
  });

  it('round-trips every filter and asks the API the same', () => {
    const params = { status: 'waiting', category: 'c1', urgency: 'high', app: 'a1', assignee: 'me', breached: '1', q: 'vpn' };
    const filters = filtersFrom(convertToParamMap(params));
    expect(filtersToParams(filters)).toEqual(params);
    expect(queueQuery(filters, 'next')).toEqual({ status: 'waiting', categoryId: 'c1', urgency: 'high', appId: 'a1', assignee: 'me', breached: true, q: 'vpn', cursor: 'next' });
  });

  it('leaves defaults out of the URL; "all" asks the API without a status', () => {
    expect(Object.values(filtersToParams(DEFAULT_FILTERS)).every((value) => value === null)).toBeTrue();
    expect(queueQuery({ ...DEFAULT_FILTERS, status: 'all' })).toEqual({});
    expect(queueQuery(DEFAULT_FILTERS)).toEqual({ status: 'open' });
  });
});
