import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { SupportRoutes } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { SupportApiService, queueParams } from './support-api.service';

describe('SupportApiService', () => {
  let http: HttpTestingController;
  let api: SupportApiService;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    api = TestBed.inject(SupportApiService);
  });

  afterEach(() => http.verify());

  it('leaves empty queue filters out of the query string', () => {
    expect(queueParams({ status: 'open', q: '', breached: false, assignee: 'me' }).toString()).toBe('status=open&assignee=me');
  });

  it('patches a ticket, posts notes and merges on the contract routes', async () => {
    const patched = firstValueFrom(api.update('t1', { assigneeId: null }));
    const patch = http.expectOne(SupportRoutes.queueTicket('t1'));
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ assigneeId: null });
    patch.flush({});
    await patched;

    const merged = firstValueFrom(api.merge('t1', 't2'));
    const merge = http.expectOne(SupportRoutes.merge('t1'));
    expect(merge.request.body).toEqual({ intoId: 't2' });
    merge.flush({});
    await merged;
  });

  it('asks for the next page of deliveries with the cursor', async () => {
    const page = firstValueFrom(api.deliveries('w1', 'abc'));
    const request = http.expectOne((r) => r.url === SupportRoutes.webhookDeliveries('w1'));
    expect(request.request.params.get('cursor')).toBe('abc');
    request.flush({ items: [], nextCursor: null, total: 0 });
    await page;
  });
});
