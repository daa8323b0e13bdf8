import ipaddr from 'ipaddr.js';

// Where the server may connect when a URL comes from an administrator or an app (feeds today):
// public internet addresses only, unless an allowlist says otherwise. Guards against server-side
// request forgery into the company network, this machine or a cloud metadata service.

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** What an allowlist (FEED_ALLOW_PRIVATE) lets through: host names (exact) and address ranges. */
export interface AllowList {
  hosts: ReadonlySet<string>;
  ranges: ReadonlyArray<[Address, number]>;
}

export const EMPTY_ALLOW_LIST: AllowList = { hosts: new Set(), ranges: [] };

/** Why an address is refused, in words an administrator reads on the app's page. */
const RANGE_WORDS: Record<string, string> = {
  private: 'a private network address',
  loopback: 'a loopback address (this machine)',
  linkLocal: 'a link-local address (such as a cloud metadata service)',
  uniqueLocal: 'a unique-local (private) IPv6 address',
  multicast: 'a multicast address',
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  carrierGradeNat: 'a shared (carrier-grade NAT) address',
  reserved: 'a reserved address',
};

/**
 * Builds the allowlist from FEED_ALLOW_PRIVATE entries: `10.0.0.0/8`, `fd00::/8`, `192.168.1.20`,
 * `intranet.example.com`. Throws with the faulty entry named (the config loader turns it into a
 * start-up error).
 */
export function parseAllowList(entries: readonly string[]): AllowList {
  const hosts = new Set<string>();
  const ranges: Array<[Address, number]> = [];
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry.includes('/') && ipaddr.isValid(entry.slice(0, entry.indexOf('/')))) {
      let range: [Address, number];
      try {
        range = ipaddr.parseCIDR(entry);
      } catch {
        throw new Error(`"${raw}" is not a valid address range (use e.g. 10.0.0.0/8 or fd00::/8)`);
      }
      ranges.push(normaliseRange(range));
    } else if (ipaddr.isValid(entry)) {
      const address = normalise(ipaddr.parse(entry));
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/.test(entry)) {
      hosts.add(entry.replace(/\.$/, ''));
    } else {
      throw new Error(`"${raw}" is neither a host name, an address nor an address range`);
    }
  }
  return { hosts, ranges };
}

/** A refused address, normalised (IPv4-mapped IPv6 shown as IPv4), and the kind of range it is in. */
export interface AddressRefusal {
  address: string;
  range: string;
}

/**
 * Null when Passerelle may connect to `address` (resolved from `host`), else why not. Only public
 * unicast addresses pass — private, loopback, link-local, unique-local, multicast, unspecified and
 * reserved ones are refused, IPv4-mapped IPv6 addresses judged as the IPv4 address they carry —
 * unless the host name or the address is on the allowlist.
 */
export function addressRefusal(address: string, host: string, allow: AllowList): AddressRefusal | null {
  let parsed: Address;
  try {
    parsed = normalise(ipaddr.parse(address.replace(/%.*$/, '')));
  } catch {
    return { address, range: 'other' };
  }
  if (allow.hosts.has(hostKey(host))) return null;
  if (allow.ranges.some((range) => inRange(parsed, range))) return null;
  const range = parsed.range();
  if (range === 'unicast') return null;
  return { address: parsed.toString(), range: range in RANGE_WORDS ? range : 'other' };
}

/** The same decision as a sentence ("10.0.0.1 is a private network address"), or null. */
export function addressProblem(address: string, host: string, allow: AllowList): string | null {
  const refusal = addressRefusal(address, host, allow);
  return refusal && describeRefusal(refusal);
}

export function describeRefusal({ address, range }: AddressRefusal): string {
  return `${address} is ${RANGE_WORDS[range] ?? 'not a public internet address'}`;
}

/** The literal address in a URL's host (`[::1]` → `::1`), or null for a name. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(bare) ? bare : null;
}

function inRange(address: Address, [range, bits]: [Address, number]): boolean {
  if (address.kind() !== range.kind()) return false;
  return address.kind() === 'ipv4' ? (address as ipaddr.IPv4).match(range as ipaddr.IPv4, bits) : (address as ipaddr.IPv6).match(range as ipaddr.IPv6, bits);
}

function hostKey(host: string): string {
  return host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

/** ::ffff:127.0.0.1 is 127.0.0.1: judged, and matched against ranges, as IPv4. */
function normalise(address: Address): Address {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
}

function normaliseRange([address, bits]: [Address, number]): [Address, number] {
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) return [(address as ipaddr.IPv6).toIPv4Address(), bits - 96];
  return [address, bits];
}
