// The syntax predicates behind the API rules (src/cli/k8s-syntax.ts), on the edge cases
// of the Go code they mirror.
import {
  canonicalQuantity,
  cidrContains,
  isConfigMapKey,
  isDnsSubdomain,
  isEnvVarName,
  isLabelValue,
  isPortName,
  isQualifiedName,
  normalizeMountPath,
  parseCidr,
  parseIp,
  parseQuantity,
  parseQuantityExact,
} from '../src/cli/k8s-syntax';

describe('quantities (resource.ParseQuantity and Quantity.String)', () => {
  test.each([
    ['1000m', '1'],
    ['0.001', '1m'],
    ['1000', '1k'],
    ['1500', '1500'],
    ['1.5k', '1500'],
    ['0.5', '500m'],
    ['1024Mi', '1Gi'],
    ['1.5Ki', '1536'],
    ['1024', '1024'],
    ['512Ki', '512Ki'],
    ['0.5Ki', '512'],
    ['1e3', '1e3'],
    ['1E', '1E'],
    ['1e0', '1'],
    ['5e-10', '1e-9'],
    ['e3', '0'],
    ['1.', '1'],
    ['.5', '500m'],
    ['-', '0'],
    ['Ki', '0'],
    ['+2Gi', '2Gi'],
    ['-1m', '-1m'],
  ])('%s is %s', (input, canonical) => {
    const q = parseQuantityExact(input);
    expect(q && canonicalQuantity(q)).toBe(canonical);
  });

  test.each(['', '10MB', '1K', '1e', '1 Gi', '1.5.5', '1e+', '1Gib', '0x10', 'k3'])('%j is not a quantity', (input) => {
    expect(parseQuantityExact(input)).toBeUndefined();
  });

  test('numbers from YAML parse as their decimal text, and sizes compare as numbers', () => {
    expect(parseQuantity(0.5)).toBe(0.5);
    expect(parseQuantity('10Mi')).toBe(10 * 2 ** 20);
    expect(parseQuantity('1e3')).toBe(1000);
  });
});

describe('CIDRs (net.ParseCIDR after netutils.ParseCIDRSloppy)', () => {
  test.each([
    ['10.0.0.0/8', 104, false, false, false],
    ['0.0.0.0/0', 96, false, false, false],
    ['::/0', 0, false, false, false],
    ['2001:db8::/64', 64, false, false, false],
    ['1:2:3:4:5:6:7:8/128', 128, false, false, false],
    ['::ffff:1.2.3.0/120', 120, true, false, false],
    ['::1.2.3.4/128', 128, false, false, false],
    ['10.0.0.1/8', 104, false, false, true],
    ['010.0.0.0/8', 104, false, true, false],
    ['10.0.0.0/08', 104, false, true, false],
    ['2001:db8::/064', 64, false, true, false],
    ['::ffff:010.1.2.0/120', 120, true, true, false],
  ])(
    '%s parses (prefix %d of 128; IPv4-mapped %s, leading zeros %s, host bits %s)',
    (value, prefix, v4InV6, leadingZeros, hostBits) => {
      const c = parseCidr(value);
      expect(
        c && { prefix: c.prefix128, v4InV6: c.address.v4InV6, leadingZeros: c.leadingZeros, hostBits: c.hostBits },
      ).toEqual({ prefix, v4InV6, leadingZeros, hostBits });
    },
  );

  test.each([
    '2001:db8::/129',
    ':::/0',
    '10.0.0.0/33',
    '10.0.0.0',
    '10.0.0.0/',
    '10.0.0.0/-1',
    '10.0.0.0/+8',
    '1.2.3/8',
    '1.2.3.4.5/8',
    '256.0.0.0/8',
    '2001:db8:::1/64',
    '1:2:3:4:5:6:7:8::/64',
    '1::2::3/64',
    '12345::/16',
    'fe80::1%eth0/64',
    '::ffff:1.2.3/120',
    '1:2:3:4:5:6:7:1.2.3.4/128',
    '10.0.0.0/8/8',
    ' 10.0.0.0/8',
  ])('%j does not parse', (value) => {
    expect(parseCidr(value)).toBeUndefined();
  });

  test('containment compares the network bits, and never IPv4 with IPv6', () => {
    const cidr = (v: string) => parseCidr(v)!;
    expect(cidrContains(cidr('10.0.0.0/8'), cidr('10.1.0.0/16'))).toBe(true);
    expect(cidrContains(cidr('10.0.0.0/8'), cidr('11.0.0.0/16'))).toBe(false);
    expect(cidrContains(cidr('10.0.0.0/8'), cidr('::ffff:10.1.0.0/112'))).toBe(true);
    expect(cidrContains(cidr('::/0'), cidr('10.0.0.0/8'))).toBe(false);
    expect(cidrContains(cidr('2001:db8::/32'), cidr('2001:db8:1::/48'))).toBe(true);
  });
});

describe('IP addresses (netutils.ParseIPSloppy)', () => {
  test.each([
    ['10.0.0.1', true, false],
    ['::1', false, false],
    ['::ffff:10.0.0.1', false, false],
    ['010.000.000.001', true, true],
  ])('%s parses (IPv4 %s, leading zeros %s)', (value, v4, leadingZeros) => {
    const ip = parseIp(value);
    expect(ip && { v4: ip.v4, leadingZeros: ip.leadingZeros }).toEqual({ v4, leadingZeros });
  });

  test.each(['dns.local', '1.2.3.4:80', 'fe80::1%eth0', '1.2.3.256', ''])('%j does not parse', (value) => {
    expect(parseIp(value)).toBeUndefined();
  });
});

describe('names and keys', () => {
  test.each([
    [isQualifiedName, 'app.kubernetes.io/name', true],
    [isQualifiedName, 'example.com/Team_1', true],
    [isQualifiedName, 'Example.com/team', false],
    [isQualifiedName, '/team', false],
    [isQualifiedName, 'a/b/c', false],
    [isQualifiedName, '-team', false],
    [isQualifiedName, 'x'.repeat(64), false],
    [isLabelValue, '', true],
    [isLabelValue, 'a.b_c-d', true],
    [isLabelValue, 'a b', false],
    [isLabelValue, 'a-', false],
    [isDnsSubdomain, 'a.b-c.d', true],
    [isDnsSubdomain, 'a..b', false],
    [isDnsSubdomain, `${'a'.repeat(63)}.${'b'.repeat(189)}`, true],
    [isDnsSubdomain, `${'a'.repeat(63)}.${'b'.repeat(190)}`, false],
    [isPortName, 'http-2', true],
    [isPortName, '8080', false],
    [isPortName, 'web--ui', false],
    [isPortName, '-web', false],
    [isPortName, 'a-very-long-name', false],
    [isConfigMapKey, '.env', true],
    [isConfigMapKey, '..env', false],
    [isConfigMapKey, 'a/b', false],
  ] as const)('%p(%j) is %s', (predicate, value, expected) => {
    expect((predicate as (v: unknown) => boolean)(value)).toBe(expected);
  });

  test('env names: strict before 1.32, any printable ASCII but "=" after', () => {
    expect([isEnvVarName('LOG_FILE'), isEnvVarName('1LOG'), isEnvVarName('..a'), isEnvVarName('a b')]).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect([
      isEnvVarName('1 LOG', true),
      isEnvVarName('..', true),
      isEnvVarName('A=B', true),
      isEnvVarName('', true),
      isEnvVarName('é', true),
    ]).toEqual([true, true, false, false, false]);
  });
});

test.each([
  ['/data', '/data'],
  ['/data/', '/data'],
  ['/data//x/./', '/data/x'],
  ['/data/x/..', '/data'],
  ['opt/logs', '/opt/logs'],
])('mount path %s is the directory %s', (path, dir) => {
  expect(normalizeMountPath(path)).toBe(dir);
});
