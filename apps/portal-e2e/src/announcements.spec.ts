import { deflateSync } from 'node:zlib';
import { AnnouncementRoutes } from '@passerelle/contracts';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/a11y';
import { errorsMatching, openPage, screenshotsAt, settle, type TrackedPage } from './support/browser';
import { DASHBOARD_SIZES, waitForDashboard } from './support/dashboard';
import { useDemoStack } from './support/demo-stack';
import { signInToPortal } from './support/sign-in';
import { horizontalOverflow } from './support/stack';

// Issue 6, company announcements on the demo as `npm run demo` starts it: Julien (IT) gives Claire
// the communication permission in the console; Claire, from her user menu, publishes an
// announcement with an image to the Design group; Amina (Design) sees it on her dashboard, image
// included; Claire herself (Direction) does not, as she is not in its audience.
const CSP = /content security policy|content-security-policy|refused to/i;
const FLOW_TIMEOUT_MS = 120_000;
const TITLE = 'The new showroom opens on Monday';
const BODY = 'Come and see the **new lamps** on the ground floor.\n\n- Coffee from 9:00\n- Tour at 10:30\n\n<script>alert("not run")</script>';
const ALT = 'The showroom, lit by the new pendant lamps';

describe('announcements, end to end: a communication employee publishes to one group, whose members see it on their dashboard', () => {
  const stack = useDemoStack();
  const pages: TrackedPage[] = [];

  afterAll(async () => {
    for (const tracked of pages) await tracked.close();
  });

  async function signedIn(key: 'julien' | 'claire' | 'amina', returnTo = '/'): Promise<TrackedPage> {
    const tracked = await openPage(stack.browser, { viewport: DASHBOARD_SIZES['1440'] });
    pages.push(tracked);
    await signInToPortal(tracked.page, stack, stack.person(key), returnTo);
    return tracked;
  }

  let claire: TrackedPage;

  it('an administrator gives Claire the communication permission from the console', async () => {
    const julien = await signedIn('julien', '/admin/users');
    const { page } = julien;
    const row = page.getByTestId('user-row').filter({ hasText: 'claire.dubois@atelier-lumiere.example' });
    await row.getByTestId('user-edit').click();
    const box = page.getByTestId('edit-user-communication');
    expect(await box.isChecked()).toBeFalse();
    await box.check();
    await page.getByTestId('edit-user-submit').click();
    await page.getByTestId('users-message').waitFor();
    // The console lists announcements for administrators too.
    await page.getByTestId('admin-nav-announcements').click();
    await page.waitForURL((url) => url.pathname === '/admin/announcements');
    // The demo's own announcement is listed there (Thomas may publish too).
    await page.getByTestId('announcement-row').first().waitFor();
    expect(errorsMatching(julien.errors, /./)).toEqual([]);
  }, FLOW_TIMEOUT_MS);

  it('Claire reaches Announcements from her user menu and publishes one with an image to the Design group', async () => {
    claire = await signedIn('claire');
    const { page } = claire;
    await page.getByTestId('user-menu-button').click();
    await page.getByTestId('user-menu-announcements').click();
    await page.waitForURL((url) => url.pathname === '/announcements');
    await page.getByTestId('announcements-new').click();
    await page.waitForURL((url) => url.pathname === '/announcements/new');

    // Nothing filled in: the form says what is missing before anything is sent.
    await page.getByTestId('announcement-submit').click();
    await page.locator('#announcement-title-error').waitFor();

    await page.getByTestId('announcement-title').fill(TITLE);
    await page.getByTestId('announcement-body').fill(BODY);
    const preview = page.getByTestId('announcement-preview');
    expect(await preview.locator('strong').innerText()).toBe('new lamps');
    expect(await preview.locator('script').count()).toBe(0);
    await page.getByTestId('announcement-image-file').setInputFiles({ name: 'showroom.png', mimeType: 'image/png', buffer: showroomPng() });
    await page.getByTestId('announcement-image-preview').waitFor();
    await page.getByTestId('announcement-image-alt').fill(ALT);
    await page.getByTestId('announcement-group-Design').check();
    await page.getByTestId('announcement-pinned').check();
    await screenshotsAt(page, 'announcements-editor', DASHBOARD_SIZES);
    expect(await horizontalOverflow(page)).withContext('editor at 1440').toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByTestId('announcement-submit').click();
    await page.waitForURL((url) => url.pathname === '/announcements');
    const notice = await page.getByTestId('announcements-notice').innerText();
    expect(notice).toContain(`“${TITLE}” is published.`);
    const listed = page.getByTestId('announcement-row').filter({ hasText: TITLE });
    expect(await listed.getByTestId('announcement-status').innerText()).toBe('Published');
    expect((await listed.getByTestId('announcement-audience').innerText()).trim()).toBe('Design');
    expect(await listed.getByTestId('announcement-pinned').count()).toBe(1);
    await screenshotsAt(page, 'announcements-list', DASHBOARD_SIZES);
    await page.setViewportSize(DASHBOARD_SIZES['390']);
    expect(await horizontalOverflow(page)).withContext('list at 390').toBe(0);
    await page.setViewportSize(DASHBOARD_SIZES['1440']);
  }, FLOW_TIMEOUT_MS);

  it('Amina, in Design, sees it on her dashboard with its image, and the script in it stays text', async () => {
    const amina = await signedIn('amina');
    const { page } = amina;
    await waitForDashboard(page);
    const item = page.getByTestId('announcement').filter({ hasText: TITLE });
    await item.waitFor();
    expect(await item.locator('h3').innerText()).toBe(TITLE);
    expect(await item.innerText()).toContain('By Claire Dubois');
    expect(await item.getByTestId('announcement-pin').count()).toBe(1);
    expect(await item.locator('[data-testid="announcement-body"] strong').innerText()).toBe('new lamps');
    expect(await item.locator('[data-testid="announcement-body"] li').allInnerTexts()).toEqual(['Coffee from 9:00', 'Tour at 10:30']);
    expect(await item.innerText()).toContain('<script>alert("not run")</script>');
    expect(await item.locator('script').count()).toBe(0);
    const image = item.getByTestId('announcement-image');
    expect(await image.getAttribute('alt')).toBe(ALT);
    await imageLoaded(page, image);
    await settle(page);
    await screenshotsAt(page, 'announcements-dashboard', DASHBOARD_SIZES);
    for (const [label, size] of Object.entries(DASHBOARD_SIZES)) {
      await page.setViewportSize(size);
      expect(await horizontalOverflow(page)).withContext(`dashboard at ${label}`).toBe(0);
    }
    expect(await axeViolations(page)).toEqual([]);
    expect(errorsMatching(amina.errors, CSP)).toEqual([]);
  }, FLOW_TIMEOUT_MS);

  it('Claire, not in Design, does not see it on her dashboard, nor can she fetch it as a reader', async () => {
    const { page } = claire;
    await page.goto(stack.url('/'));
    await waitForDashboard(page);
    await settle(page);
    expect(await page.getByTestId('announcement').filter({ hasText: TITLE }).count()).toBe(0);
    // The demo's own announcement is for everyone; this one is not for her.
    const feed: Array<{ title: string }> = await page.evaluate(async (url) => (await fetch(url)).json(), AnnouncementRoutes.feed);
    expect(feed.map((a) => a.title)).not.toContain(TITLE);
    expect(errorsMatching(claire.errors, CSP)).toEqual([]);
  }, FLOW_TIMEOUT_MS);
});

/** Waits until the image has really loaded (decoded with a size), not only been put in the page. */
async function imageLoaded(page: Page, image: ReturnType<Page['locator']>): Promise<void> {
  await image.scrollIntoViewIfNeeded();
  await page.waitForFunction((element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth > 0, await image.elementHandle(), { timeout: 10_000 });
}

/** A 640×360 PNG: a warm gradient with a lighter band, enough to see in the screenshots. */
function showroomPng(): Buffer {
  const [width, height] = [640, 360];
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const band = y > 120 && y < 240 ? 40 : 0;
      row[1 + x * 3] = Math.min(255, 180 + Math.round((x / width) * 60) + band);
      row[2 + x * 3] = Math.min(255, 110 + Math.round((y / height) * 70) + band);
      row[3 + x * 3] = Math.min(255, 60 + band);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
