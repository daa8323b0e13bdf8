import { AnnouncementRoutes, type AnnouncementAdminView, type AnnouncementView, type SaveAnnouncementRequest } from '@passerelle/contracts';
import { signedInBrowser } from './catalog-rows';
import { createPerson, type Browser, type Person } from './oidc-rp';
import type { TestPortal } from './test-portal';

/**
 * Announcements driven as people would: an administrator gives an employee the `communication`
 * permission through the console's API, that employee writes through AnnouncementRoutes, and
 * readers sign in (TOTP enrolment included) and read their feed.
 */

/** A signed-in employee; with `permissions`, given them by the administrator through PATCH /api/admin/users/:id. */
export async function employeeBrowser(
  portal: TestPortal,
  admin: Browser,
  input: { name?: string; groups?: string[]; permissions?: string[] } = {},
): Promise<{ person: Person; browser: Browser }> {
  const person = await createPerson(portal.app, { name: input.name, groups: input.groups });
  if (input.permissions) {
    const response = await admin.request(`/api/admin/users/${person.id}`, { method: 'PATCH', json: { permissions: input.permissions } });
    if (response.status !== 200) throw new Error(`PATCH permissions → ${response.status} ${response.text}`);
  }
  const { browser } = await signedInBrowser(portal.url, person);
  return { person, browser };
}

/** Writes an announcement and expects it to work. */
export async function publish(browser: Browser, input: Partial<SaveAnnouncementRequest> = {}): Promise<AnnouncementAdminView> {
  const response = await browser.postJson(AnnouncementRoutes.manage, { title: `News ${Math.random().toString(36).slice(2, 8)}`, body: 'Hello everyone.', ...input });
  if (response.status !== 201) throw new Error(`POST ${AnnouncementRoutes.manage} → ${response.status} ${response.text}`);
  return response.json() as AnnouncementAdminView;
}

export async function feedOf(browser: Browser): Promise<AnnouncementView[]> {
  const response = await browser.get(AnnouncementRoutes.feed);
  if (response.status !== 200) throw new Error(`GET ${AnnouncementRoutes.feed} → ${response.status} ${response.text}`);
  return response.json() as AnnouncementView[];
}

/** Titles in the person's feed, in its order. */
export async function feedTitles(browser: Browser): Promise<string[]> {
  return (await feedOf(browser)).map((a) => a.title);
}

export function setImage(browser: Browser, id: string, bytes: Buffer, alt = 'The new workshop, seen from the street') {
  return browser.request(AnnouncementRoutes.image(id), { method: 'PUT', json: { image: bytes.toString('base64'), alt } });
}
