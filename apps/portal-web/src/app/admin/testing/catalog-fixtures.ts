import type { AccessRequestView, AppGrant, CatalogApp, CatalogOverview, CatalogSection, GroupMember, GroupView } from '@passerelle/contracts';

/** Fixtures for the console's catalog, groups and access-request specs (data only). */

/** A 1×1 transparent PNG: a stored icon's URL that needs no server in specs. */
export const PNG_1X1_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
export const ICON_DATA_URL = `data:image/png;base64,${PNG_1X1_BASE64}`;

export function catalogApp(overrides: Partial<CatalogApp> = {}): CatalogApp {
  return {
    id: 'wiki-k3f9qa',
    name: 'Wiki',
    description: 'Team notes',
    launchUrl: 'https://wiki.acme.test/',
    initiateLoginUri: null,
    clientId: null,
    clientName: null,
    sectionId: null,
    visibility: 'everyone',
    groupIds: [],
    healthUrl: null,
    health: null,
    feedUrl: null,
    requestable: false,
    iconUrl: null,
    position: 0,
    grantCount: 0,
    createdAt: '2026-01-01T10:00:00Z',
    ...overrides,
  };
}

export function section(id: string, name: string, position: number): CatalogSection {
  return { id, name, position };
}

export function group(overrides: Partial<GroupView> = {}): GroupView {
  return { id: 'g-finance', name: 'Finance', description: 'Accounting and payroll', memberCount: 2, createdAt: '2026-01-01T10:00:00Z', ...overrides };
}

export function groupMember(overrides: Partial<GroupMember> = {}): GroupMember {
  return { id: 'u2', email: 'marc@acme.test', name: 'Marc Petit', status: 'active', ...overrides };
}

export function appGrant(overrides: Partial<AppGrant> = {}): AppGrant {
  return { userId: 'u2', email: 'marc@acme.test', name: 'Marc Petit', guest: false, grantedAt: '2026-02-01T10:00:00Z', grantedBy: 'u1', ...overrides };
}

export function accessRequest(overrides: Partial<AccessRequestView> = {}): AccessRequestView {
  return {
    id: 'r1',
    app: { id: 'crm-1', name: 'CRM' },
    user: { id: 'u2', email: 'marc@acme.test', name: 'Marc Petit' },
    reason: 'I follow up the Lyon customers.',
    status: 'pending',
    createdAt: '2026-03-01T10:00:00Z',
    decidedAt: null,
    decidedBy: null,
    note: null,
    ...overrides,
  };
}

/**
 * A small catalog: "Daily work" (Wiki, Chat), "Finance" (Payroll), and Files in no section.
 * Positions are deliberately not in array order, as a server may send them.
 */
export function smallCatalog(): CatalogOverview {
  return {
    sections: [section('s-fin', 'Finance', 1), section('s-daily', 'Daily work', 0)],
    apps: [
      catalogApp({ id: 'chat', name: 'Chat', sectionId: 's-daily', position: 1, clientId: 'chat', clientName: 'Chat', health: 'up' }),
      catalogApp({ id: 'wiki', name: 'Wiki', sectionId: 's-daily', position: 0, visibility: 'groups', groupIds: ['g-finance', 'g-direction'] }),
      catalogApp({ id: 'payroll', name: 'Payroll', sectionId: 's-fin', position: 0, visibility: 'rules', grantCount: 3, requestable: true, health: 'down' }),
      catalogApp({ id: 'files', name: 'Files', sectionId: null, position: 0, iconUrl: ICON_DATA_URL }),
    ],
  };
}
