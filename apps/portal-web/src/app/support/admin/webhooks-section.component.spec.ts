import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { SupportRoutes } from '@passerelle/contracts';
import { browserStub, provideBrowserStub } from '../../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../../testing/test-helpers';
import { nextCall } from '../../admin/testing/next-call';
import { provideSpecNow } from '../../guests/testing/guest-fixtures';
import { delivery, listOf, minutesFromNow, webhookView } from '../testing/support-fixtures';
import { WebhooksSectionComponent } from './webhooks-section.component';

describe('WebhooksSectionComponent (/admin/support/webhooks)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  const browser = browserStub();

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideSpecNow(), provideBrowserStub(browser)] });
    ({ http, harness } = await routedHarness([{ path: 'admin/support/webhooks', component: WebhooksSectionComponent }]));
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const stable = () => harness.fixture.whenStable();
  const rows = () => Array.from(page().querySelectorAll<HTMLElement>('[data-testid="webhook-row"]'));

  async function open(items = [webhookView({ lastDelivery: { at: minutesFromNow(-5), ok: false, status: 500 } })]) {
    await harness.navigateByUrl('/admin/support/webhooks');
    (await nextCall(http, 'GET', SupportRoutes.webhooks)).flush(items);
    await stable();
  }

  it('creates a webhook and shows its secret once, with a copy button', async () => {
    await open([]);
    expect(textOf(query(page(), '[data-testid="webhooks-empty"]'))).toBe('No webhooks.');
    query<HTMLButtonElement>(page(), '[data-testid="webhook-new"]').click();
    await stable();
    typeInto(query<HTMLInputElement>(page(), '[data-testid="webhook-url"]'), 'ftp://nope');
    query<HTMLInputElement>(page(), '[data-testid="webhook-event-ticket.updated"]').click();
    query<HTMLButtonElement>(page(), '[data-testid="webhook-save"]').click();
    await stable();
    expect(textOf(query(page(), '[data-testid="webhook-url-error"]'))).toBe('Enter a web address starting with https://.');

    typeInto(query<HTMLInputElement>(page(), '[data-testid="webhook-url"]'), ' https://glpi.acme.test/hook ');
    typeInto(query<HTMLInputElement>(page(), '[data-testid="webhook-description"]'), 'GLPI');
    query<HTMLButtonElement>(page(), '[data-testid="webhook-save"]').click();
    const create = await nextCall(http, 'POST', SupportRoutes.webhooks);
    expect(create.request.body).toEqual({ url: 'https://glpi.acme.test/hook', events: ['ticket.created', 'ticket.message', 'ticket.merged'], description: 'GLPI', active: true });
    create.flush({ ...webhookView({ id: 'w2', url: 'https://glpi.acme.test/hook' }), secret: 'whsec_abc123' }, { status: 201, statusText: 'Created' });
    await stable();
    const secret = query(page(), '[data-testid="webhook-secret"]');
    expect(textOf(secret)).toContain('it won’t be shown again');
    expect(textOf(query(secret, '[data-testid="webhook-secret-value"]'))).toBe('whsec_abc123');
    query<HTMLButtonElement>(secret, 'psl-copy-button button').click();
    await stable();
    expect(browser.copyText).toHaveBeenCalledWith('whsec_abc123');
    expect(rows().length).toBe(1);
    expect(textOf(rows()[0])).not.toContain('whsec_abc123');

    query<HTMLButtonElement>(page(), '[data-testid="webhook-secret-done"]').click();
    await stable();
    expect(page().querySelector('[data-testid="webhook-secret"]')).toBeNull();
  });

  it('shows the last delivery, sends a test, and retries a failed delivery from the log', async () => {
    await open();
    expect(textOf(query(rows()[0], '[data-testid="webhook-last"]'))).toContain('Failed 500');
    query<HTMLButtonElement>(rows()[0], '[data-testid="webhook-test"]').click();
    (await nextCall(http, 'POST', SupportRoutes.webhookTest('w1'))).flush(null, { status: 202, statusText: 'Accepted' });
    await stable();
    expect(textOf(query(page(), '[data-testid="webhooks-notice"]'))).toContain('A test (ping) is on its way');

    query<HTMLButtonElement>(rows()[0], '[data-testid="webhook-log"]').click();
    (await nextCall(http, 'GET', SupportRoutes.webhookDeliveries('w1'))).flush(listOf([delivery(), delivery({ id: 'd2', state: 'delivered', lastStatus: 200, lastError: null, attempts: 1 })]));
    await stable();
    const deliveries = Array.from(page().querySelectorAll<HTMLElement>('[data-testid="delivery-row"]'));
    expect(textOf(query(deliveries[0], '[data-testid="delivery-state"]'))).toBe('Failed');
    expect(textOf(deliveries[0])).toContain('HTTP 500');
    expect(deliveries[1].querySelector('[data-testid="delivery-retry"]')).toBeNull();
    query<HTMLButtonElement>(deliveries[0], '[data-testid="delivery-retry"]').click();
    (await nextCall(http, 'POST', SupportRoutes.retryDelivery('w1', 'd1'))).flush(null, { status: 202, statusText: 'Accepted' });
    (await nextCall(http, 'GET', SupportRoutes.webhookDeliveries('w1'))).flush(listOf([delivery({ state: 'pending', attempts: 3 })]));
    await stable();
    expect(textOf(query(page(), '[data-testid="delivery-state"]'))).toBe('Pending');
  });

  it('rotates the secret after a confirmation and deletes after another', async () => {
    await open();
    query<HTMLButtonElement>(rows()[0], '[data-testid="webhook-rotate"]').click();
    await stable();
    query<HTMLButtonElement>(query(document.body, '[data-testid="webhook-rotate-dialog"]'), '[data-testid="confirm-dialog-confirm"]').click();
    (await nextCall(http, 'POST', SupportRoutes.webhookSecret('w1'))).flush({ ...webhookView(), secret: 'whsec_new' });
    await stable();
    expect(textOf(query(page(), '[data-testid="webhook-secret-value"]'))).toBe('whsec_new');

    query<HTMLButtonElement>(rows()[0], '[data-testid="webhook-delete"]').click();
    await stable();
    query<HTMLButtonElement>(query(document.body, '[data-testid="webhook-delete-dialog"]'), '[data-testid="confirm-dialog-confirm"]').click();
    (await nextCall(http, 'DELETE', SupportRoutes.webhook('w1'))).flush(null, { status: 204, statusText: 'No Content' });
    await stable();
    expect(rows().length).toBe(0);
  });
});
