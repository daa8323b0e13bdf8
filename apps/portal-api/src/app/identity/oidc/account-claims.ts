import type { AccountClaims } from 'oidc-provider';
import type { UserEntity } from '../../accounts/entities/user.entity';

/** Splits a display name into given and family names: "Marie-Claire Dubois Martin" → Marie-Claire / Dubois Martin. */
export function splitName(name: string): { givenName: string; familyName: string } {
  const parts = name.trim().split(/\s+/);
  return { givenName: parts[0] ?? '', familyName: parts.slice(1).join(' ') };
}

/** The claims Passerelle releases about a person; the provider filters them by granted scope. */
export function claimsOf(user: UserEntity): AccountClaims {
  const { givenName, familyName } = splitName(user.name);
  return {
    sub: user.id,
    email: user.email,
    // Accounts are created by the organisation for its own addresses, and activated through a mailed link.
    email_verified: true,
    name: user.name,
    given_name: givenName,
    family_name: familyName,
    locale: user.locale ?? undefined,
    groups: (user.groups ?? []).map((group) => group.name).sort(),
  };
}
