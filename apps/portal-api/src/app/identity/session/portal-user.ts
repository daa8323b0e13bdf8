import type { AccountKind, Permission } from '@passerelle/contracts';

/** Who is calling the API through the portal session (the dashboard and console). */
export interface PortalUser {
  kind: 'user';
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  /** Employee or guest. */
  accountKind: AccountKind;
  permissions: Permission[];
  locale: string | null;
  groups: string[];
  /** The provider session's uid (`sid`). */
  sessionUid: string;
  amr: string[];
}

/** An app calling the API with a bearer access token from this provider. */
export interface ApiCaller {
  kind: 'app';
  clientId: string;
  /** Set when the token was issued to a person (authorization code flow); absent for client_credentials. */
  accountId?: string;
  scopes: string[];
}
