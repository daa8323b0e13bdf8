import { addressProblem, EMPTY_ALLOW_LIST, literalAddress, parseAllowList } from './address-guard';

describe('address guard (SSRF)', () => {
  const refused = (address: string, host = 'feed.example.com', allow = EMPTY_ALLOW_LIST) => addressProblem(address, host, allow);

  it('lets public unicast addresses through, IPv4 and IPv6', () => {
    for (const address of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111', '2a00:1450:4007:80e::200e']) {
      expect(refused(address)).withContext(address).toBeNull();
    }
  });

  it('refuses private, loopback, link-local, unique-local, multicast, unspecified and reserved addresses, saying which', () => {
    const cases: Array<[string, RegExp]> = [
      ['10.1.2.3', /10\.1\.2\.3 is a private network address/],
      ['172.16.0.1', /private network/],
      ['192.168.1.1', /private network/],
      ['127.0.0.1', /127\.0\.0\.1 is a loopback address/],
      ['127.8.9.10', /loopback/],
      ['169.254.169.254', /169\.254\.169\.254 is a link-local address \(such as a cloud metadata service\)/],
      ['0.0.0.0', /unspecified/],
      ['224.0.0.1', /multicast/],
      ['255.255.255.255', /broadcast/],
      ['100.64.0.1', /carrier-grade NAT/],
      ['192.0.2.1', /reserved/],
      ['::1', /::1 is a loopback address/],
      ['::', /unspecified/],
      ['fe80::1', /link-local/],
      ['fe80::1%eth0', /link-local/],
      ['fd12:3456::1', /unique-local/],
      ['fc00::1', /unique-local/],
      ['ff02::1', /multicast/],
    ];
    for (const [address, why] of cases) expect(refused(address)).withContext(address).toMatch(why);
  });

  it('judges IPv4-mapped IPv6 addresses as the IPv4 address they carry', () => {
    expect(refused('::ffff:127.0.0.1')).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(refused('::ffff:7f00:1')).toMatch(/loopback/);
    expect(refused('::ffff:10.0.0.5')).toMatch(/private/);
    expect(refused('::ffff:169.254.169.254')).toMatch(/link-local/);
    expect(refused('::ffff:93.184.216.34')).toBeNull();
  });

  it('refuses IPv6 forms that can carry an inner IPv4 address (NAT64, 6to4, Teredo)', () => {
    expect(refused('64:ff9b::7f00:1')).not.toBeNull();
    expect(refused('2002:7f00:1::1')).not.toBeNull();
    expect(refused('2001:0:4136:e378:8000:63bf:3fff:fdd2')).not.toBeNull();
  });

  it('lets through what the allowlist names: CIDR ranges, single addresses, host names', () => {
    const allow = parseAllowList(['10.1.0.0/16', '127.0.0.1', 'fd00::/8', 'Intranet.Example.com.']);
    expect(refused('10.1.200.3', 'x', allow)).toBeNull();
    expect(refused('10.2.0.1', 'x', allow)).toMatch(/private/);
    expect(refused('127.0.0.1', 'x', allow)).toBeNull();
    expect(refused('127.0.0.2', 'x', allow)).toMatch(/loopback/);
    expect(refused('::ffff:127.0.0.1', 'x', allow)).toBeNull();
    expect(refused('fd00::5', 'x', allow)).toBeNull();
    expect(refused('192.168.0.9', 'intranet.example.com', allow)).toBeNull();
    expect(refused('192.168.0.9', 'other.example.com', allow)).toMatch(/private/);
    // An IPv4 range does not open IPv6 addresses, nor the other way round.
    expect(refused('::1', 'x', parseAllowList(['127.0.0.0/8']))).toMatch(/loopback/);
    expect(refused('169.254.169.254', 'x', parseAllowList(['::ffff:169.254.0.0/112']))).toBeNull();
  });

  it('names the faulty allowlist entry', () => {
    expect(() => parseAllowList(['10.0.0.0/33'])).toThrowError(/"10\.0\.0\.0\/33" is not a valid address range/);
    expect(() => parseAllowList(['not a host!'])).toThrowError(/"not a host!" is neither a host name/);
    expect(parseAllowList([' ', '']).ranges.length).toBe(0);
  });

  it('recognises literal addresses in URL hosts', () => {
    expect(literalAddress('[::1]')).toBe('::1');
    expect(literalAddress('127.0.0.1')).toBe('127.0.0.1');
    expect(literalAddress('feed.example.com')).toBeNull();
  });
});
