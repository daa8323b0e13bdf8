import type { HttpTestingController } from '@angular/common/http/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { SupportRoutes } from '@passerelle/contracts';
import { flushError } from '../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../testing/test-helpers';
import { nextCall } from '../admin/testing/next-call';
import { CannedRepliesComponent } from './canned-replies.component';

describe('CannedRepliesComponent (/support/queue/canned, /admin/support/canned)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    ({ http, harness } = await routedHarness([{ path: 'canned', component: CannedRepliesComponent }]));
    await harness.navigateByUrl('/canned');
    (await nextCall(http, 'GET', SupportRoutes.cannedReplies)).flush([{ id: 'k1', title: 'Restart', body: 'Please restart.\nThen try again.' }]);
    await harness.fixture.whenStable();
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const stable = () => harness.fixture.whenStable();
  const rows = () => Array.from(page().querySelectorAll<HTMLElement>('[data-testid="canned-row"]'));

  it('adds one, showing what the server refuses next to its field', async () => {
    query<HTMLButtonElement>(page(), '[data-testid="canned-new"]').click();
    await stable();
    query<HTMLButtonElement>(page(), '[data-testid="canned-save"]').click();
    await stable();
    expect(textOf(query(page(), '#canned-title-error'))).toBe('This field is required.');

    typeInto(query<HTMLInputElement>(page(), '[data-testid="canned-title"]'), 'Password reset');
    typeInto(query<HTMLInputElement>(page(), '[data-testid="canned-body"]'), 'Use “Forgot password” on the sign-in page.');
    query<HTMLButtonElement>(page(), '[data-testid="canned-save"]').click();
    const refused = await nextCall(http, 'POST', SupportRoutes.cannedReplies);
    flushError(refused, 400, 'validation_failed', { title: ['A canned reply already has this title.'] });
    await stable();
    expect(textOf(query(page(), '#canned-title-error'))).toBe('A canned reply already has this title.');

    query<HTMLButtonElement>(page(), '[data-testid="canned-save"]').click();
    const create = await nextCall(http, 'POST', SupportRoutes.cannedReplies);
    expect(create.request.body).toEqual({ title: 'Password reset', body: 'Use “Forgot password” on the sign-in page.' });
    create.flush({ id: 'k2', title: 'Password reset', body: 'Use “Forgot password” on the sign-in page.' });
    await stable();
    expect(rows().length).toBe(2);
    expect(textOf(query(page(), '[data-testid="canned-notice"]'))).toBe('“Password reset” is saved.');
  });

  it('edits and deletes after a confirmation', async () => {
    query<HTMLButtonElement>(rows()[0], '[data-testid="canned-edit"]').click();
    await stable();
    expect(query<HTMLInputElement>(page(), '[data-testid="canned-title"]').value).toBe('Restart');
    typeInto(query<HTMLInputElement>(page(), '[data-testid="canned-title"]'), 'Restart first');
    query<HTMLButtonElement>(page(), '[data-testid="canned-save"]').click();
    const put = await nextCall(http, 'PUT', SupportRoutes.cannedReply('k1'));
    expect(put.request.body).toEqual({ title: 'Restart first', body: 'Please restart.\nThen try again.' });
    put.flush({ id: 'k1', title: 'Restart first', body: 'Please restart.\nThen try again.' });
    await stable();
    expect(textOf(rows()[0])).toContain('Restart first');

    query<HTMLButtonElement>(rows()[0], '[data-testid="canned-delete"]').click();
    await stable();
    query<HTMLButtonElement>(query(document.body, '[data-testid="canned-delete-dialog"]'), '[data-testid="confirm-dialog-confirm"]').click();
    (await nextCall(http, 'DELETE', SupportRoutes.cannedReply('k1'))).flush(null, { status: 204, statusText: 'No Content' });
    await stable();
    expect(textOf(query(page(), '[data-testid="canned-empty"]'))).toBe('No canned replies yet.');
  });
});
