import type { AnnouncementAdminView, AnnouncementView } from '@passerelle/contracts';

/** A 1×1 PNG, so images load without a server. */
export const PNG_DATA_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAFBgJ/qW3CbgAAAABJRU5ErkJggg==';

export function announcementView(overrides: Partial<AnnouncementView> = {}): AnnouncementView {
  return {
    id: 'n1',
    title: 'The workshop moves on Monday',
    body: 'We move to **Rue du Lac 12**.',
    bodyHtml: '<p>We move to <strong>Rue du Lac 12</strong>.</p>',
    imageUrl: null,
    imageAlt: '',
    pinned: false,
    publishAt: new Date(2027, 2, 1, 9, 0).toISOString(),
    expiresAt: null,
    authorName: 'Chloé Comms',
    ...overrides,
  };
}

export function announcementAdminView(overrides: Partial<AnnouncementAdminView> = {}): AnnouncementAdminView {
  return {
    ...announcementView(),
    audienceGroups: [],
    status: 'published',
    createdAt: new Date(2027, 2, 1, 8, 0).toISOString(),
    updatedAt: new Date(2027, 2, 1, 8, 0).toISOString(),
    ...overrides,
  };
}
