import { describe, expect, it } from "vitest";
import { judge, parseIp, parseIpv4, parseIpv6 } from "../../worker/webhooks/ip";
import { assertDeliverable, isPublicAddress, UnsafeUrlError, type UrlPolicy } from "../../worker/webhooks/ssrf";

/** Names the tests resolve, standing in for DNS-over-HTTPS. */
const DNS: Record<string, string[]> = {
  "hooks.example.com": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
  "mapped.example.com": ["::ffff:10.0.0.1"],
  "mapped-hex.example.com": ["::ffff:a9fe:a9fe"],
  "mapped-long.example.com": ["0:0:0:0:0:ffff:a9fe:a9fe"],
  "mixed.example.com": ["93.184.216.34", "10.0.0.7"],
  "ula.example.com": ["fd00::1"],
  "nat64.example.com": ["64:ff9b::a9fe:a9fe"],
  "zoned.example.com": ["fe80::1%eth0"],
  "garbage.example.com": ["not-an-address"],
  "empty.example.com": [],
};
const resolve = async (host: string) => DNS[host] ?? [];
const production: UrlPolicy = { allowLoopback: false, ownHosts: ["api.openbat.dev"], resolve };
const localDev: UrlPolicy = { ...production, allowLoopback: true };

const REFUSED_IN_PRODUCTION: [url: string, what: string][] = [
  ["https://[::ffff:a9fe:a9fe]/latest/meta-data", "the metadata address as IPv4-mapped IPv6 in hex"],
  ["https://[::ffff:169.254.169.254]/latest/meta-data", "the metadata address as IPv4-mapped IPv6 with a dotted quad"],
  ["https://[::ffff:10.0.0.1]/", "a private address as IPv4-mapped IPv6"],
  ["https://[0:0:0:0:0:ffff:c0a8:0001]/", "192.168.0.1 as uncompressed IPv4-mapped IPv6"],
  ["https://[::ffff:127.0.0.1]/", "mapped loopback"],
  ["https://[::ffff:7f00:1]/", "mapped loopback in hex"],
  ["https://[::127.0.0.1]/", "IPv4-compatible loopback"],
  ["https://[::a9fe:a9fe]/", "the metadata address as IPv4-compatible IPv6"],
  ["https://[::ffff:0:10.0.0.1]/", "a private address as IPv4-translated IPv6"],
  ["https://[64:ff9b::10.0.0.1]/", "a private address behind the NAT64 prefix"],
  ["https://[64:ff9b::a9fe:a9fe]/", "the metadata address behind the NAT64 prefix"],
  ["https://[64:ff9b:1::1]/", "the local-use NAT64 prefix"],
  ["https://[2002:a9fe:a9fe::1]/", "the metadata address inside 6to4"],
  ["https://[2002:c0a8:101::]/", "192.168.1.1 inside 6to4"],
  ["https://[2002:7f00:1::1]/", "loopback inside 6to4"],
  ["https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "a Teredo address"],
  ["https://0x7f.1/", "loopback in hex, short form"],
  ["https://017700000001/", "loopback in octal as one number"],
  ["https://2130706433/", "loopback as one decimal number"],
  ["https://127.1/", "loopback in short form"],
  ["https://127.0.0.1./", "loopback with a trailing dot"],
  ["https://0177.0.0.1/", "loopback with an octal first byte"],
  ["https://0xa9.0xfe.0xa9.0xfe/", "the metadata address in hex bytes"],
  ["https://2852039166/", "the metadata address as one decimal number"],
  ["https://169.254.169.254./", "the metadata address with a trailing dot"],
  ["https://127。0。0。1/", "loopback with ideographic full stops"],
  ["https://%31%32%37.0.0.1/", "loopback percent-encoded"],
  ["https://0/", "0 (0.0.0.0)"],
  ["https://0.0.0.0/", "the unspecified IPv4 address"],
  ["https://10.255.255.255/", "the top of 10/8"],
  ["https://172.31.255.255/", "the top of 172.16/12"],
  ["https://100.64.0.1/", "carrier-grade NAT"],
  ["https://100.127.255.254/", "the top of carrier-grade NAT"],
  ["https://192.0.0.170/", "IETF protocol assignments (192.0.0/24)"],
  ["https://192.0.2.1/", "TEST-NET-1"],
  ["https://198.18.0.1/", "benchmarking"],
  ["https://198.19.255.255/", "the top of benchmarking"],
  ["https://198.51.100.7/", "TEST-NET-2"],
  ["https://203.0.113.9/", "TEST-NET-3"],
  ["https://224.0.0.1/", "multicast"],
  ["https://239.255.255.250/", "the top of multicast"],
  ["https://240.0.0.1/", "reserved 240/4"],
  ["https://255.255.255.255/", "broadcast"],
  ["https://[::]/", "the unspecified IPv6 address"],
  ["https://[::1]/", "IPv6 loopback"],
  ["https://[0:0:0:0:0:0:0:1]/", "IPv6 loopback uncompressed"],
  ["https://[::2]/", "an IPv4-compatible address in 0/8"],
  ["https://[fc00::1]/", "unique-local fc00::/7"],
  ["https://[fd00:ec2::254]/", "the EC2 IPv6 metadata address"],
  ["https://[fe80::1]/", "link-local"],
  ["https://[febf:ffff::1]/", "the top of link-local"],
  ["https://[fec0::1]/", "deprecated site-local"],
  ["https://[ff02::1]/", "IPv6 multicast"],
  ["https://[2001:db8::1]/", "IPv6 documentation"],
  ["https://[3fff::1]/", "IPv6 documentation 3fff::/20"],
  ["https://[100::1]/", "the IPv6 discard prefix"],
  ["https://[4000::1]/", "IPv6 outside global unicast"],
  ["https://[fe80::1%25eth0]/", "link-local with a zone id"],
  ["https://localhost/", "localhost"],
  ["https://localhost./", "localhost with a trailing dot"],
  ["https://LOCALHOST/", "localhost in capitals"],
  ["https://ⓛocalhost/", "localhost in enclosed letters"],
  ["https://printer.local/", "an mDNS name"],
  ["https://metadata.google.internal/", "the GCP metadata name"],
  ["https://mapped.example.com/", "a name resolving to a mapped private address"],
  ["https://mapped-hex.example.com/", "a name resolving to mapped metadata in hex"],
  ["https://mapped-long.example.com/", "a name resolving to mapped metadata uncompressed"],
  ["https://mixed.example.com/", "a name with one public and one private address"],
  ["https://ula.example.com/", "a name resolving to unique-local"],
  ["https://nat64.example.com/", "a name resolving to metadata behind NAT64"],
  ["https://zoned.example.com/", "a name resolving to link-local with a zone id"],
  ["https://garbage.example.com/", "a name whose answer is not an address"],
  ["https://empty.example.com/", "a name that does not resolve"],
  ["https://api.openbat.dev/", "this service"],
  ["https://api.openbat.dev./", "this service with a trailing dot"],
  ["http://hooks.example.com/", "plain http"],
  ["ftp://hooks.example.com/", "ftp"],
  ["file:///etc/passwd", "a file"],
  ["https://user:pass@hooks.example.com/", "credentials in the URL"],
  ["not a url", "text that is not a URL"],
];

const ALLOWED_IN_PRODUCTION: [url: string, what: string][] = [
  ["https://hooks.example.com/openbat", "a name resolving to public addresses"],
  ["https://hooks.example.com./openbat", "the same name with a trailing dot"],
  ["https://93.184.216.34/", "a public IPv4 address"],
  ["https://1.1.1.1:8443/", "a public IPv4 address with a port"],
  ["https://172.32.0.1/", "just above 172.16/12"],
  ["https://100.128.0.1/", "just above carrier-grade NAT"],
  ["https://192.0.1.1/", "192.0.1.0, between the IETF and TEST-NET-1 blocks"],
  ["https://198.20.0.1/", "just above benchmarking"],
  ["https://223.255.255.255/", "just below multicast"],
  ["https://[2606:4700:4700::1111]/", "a public IPv6 address"],
  ["https://[::ffff:93.184.216.34]/", "a public IPv4 address written as IPv4-mapped IPv6"],
  ["https://[2002:5db8:d822::1]/", "a public IPv4 address inside 6to4"],
  ["https://[64:ff9b::5db8:d822]/", "a public IPv4 address behind NAT64"],
];

describe("webhook destination guard in production", () => {
  it.each(REFUSED_IN_PRODUCTION)("refuses %s (%s)", async (url) => {
    await expect(assertDeliverable(url, production)).rejects.toBeInstanceOf(UnsafeUrlError);
  });

  it.each(ALLOWED_IN_PRODUCTION)("allows %s (%s)", async (url) => {
    await expect(assertDeliverable(url, production)).resolves.toBeInstanceOf(URL);
  });

  it("says which range a refused address falls in, through the IPv4 address an IPv6 form carries", async () => {
    await expect(assertDeliverable("https://[::ffff:a9fe:a9fe]/", production)).rejects.toThrow(/link-local \(cloud metadata\), as IPv4-mapped 169\.254\.169\.254/);
    await expect(assertDeliverable("https://mixed.example.com/", production)).rejects.toThrow(/resolves to 10\.0\.0\.7, a non-public address \(private\)/);
  });
});

describe("the local-development loopback allowance", () => {
  it.each([
    ["http://127.0.0.1:9999/hook"],
    ["http://127.1:9999/hook"],
    ["http://localhost:9999/hook"],
    ["http://[::1]:9999/hook"],
    ["https://127.0.0.1:9999/hook"],
  ])("allows real loopback %s", async (url) => {
    await expect(assertDeliverable(url, localDev)).resolves.toBeInstanceOf(URL);
  });

  it.each([
    ["http://[::ffff:127.0.0.1]:9999/hook"],
    ["http://[::ffff:7f00:1]:9999/hook"],
    ["http://[::127.0.0.1]:9999/hook"],
    ["http://[64:ff9b::7f00:1]:9999/hook"],
    ["http://[2002:7f00:1::]:9999/hook"],
    ["http://0.0.0.0:9999/hook"],
    ["http://169.254.169.254/latest/meta-data"],
    ["https://[::ffff:a9fe:a9fe]/latest/meta-data"],
    ["http://10.0.0.5/hook"],
    ["https://192.168.1.1/hook"],
    ["http://foo.localhost:9999/hook"],
  ])("still refuses %s, which is not plain loopback", async (url) => {
    await expect(assertDeliverable(url, localDev)).rejects.toBeInstanceOf(UnsafeUrlError);
  });

  it.each([
    ["http://0.0.0.0:9999/hook", "0.0.0.0 is a non-public address"],
    ["http://[::ffff:7f00:1]:9999/hook", "is a non-public address (loopback, as IPv4-mapped 127.0.0.1)"],
    ["http://10.0.0.5/hook", "10.0.0.5 is a non-public address (private)"],
  ])("names the range of an http address it refuses, not only the scheme: %s", async (url, why) => {
    await expect(assertDeliverable(url, localDev)).rejects.toThrow(why);
  });
});

describe("address parsing", () => {
  it("reads every spelling of one IPv6 address as the same numbers", () => {
    const expected = [0, 0, 0, 0, 0, 0xffff, 0xa9fe, 0xa9fe];
    for (const text of ["::ffff:a9fe:a9fe", "::ffff:169.254.169.254", "0:0:0:0:0:ffff:a9fe:a9fe", "0000:0000:0000:0000:0000:FFFF:A9FE:A9FE", "[::ffff:a9fe:a9fe]", "::ffff:a9fe:a9fe%eth0", "0::ffff:169.254.169.254"]) {
      expect(parseIpv6(text), text).toEqual(expected);
    }
    expect(parseIpv6("1:2:3:4:5:6:7::")).toEqual([1, 2, 3, 4, 5, 6, 7, 0]);
    expect(parseIpv6("::2:3:4:5:6:7:8")).toEqual([0, 2, 3, 4, 5, 6, 7, 8]);
  });

  it.each([":::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", "::ffff:1.2.3", "::ffff:01.2.3.4", "::ffff:1.2.3.256", "12345::", "g::1", ":1::", "1.2.3.4:5::", ""])(
    "does not read %j as IPv6",
    (text) => {
      expect(parseIpv6(text)).toBeNull();
    },
  );

  it("reads every spelling of one IPv4 address as the same number", () => {
    for (const text of ["127.0.0.1", "127.1", "127.0.1", "0x7f.1", "0x7F.0.0.0x1", "0177.0.0.1", "017700000001", "2130706433", "0x7f000001", "127.0.0.1."]) {
      expect(parseIpv4(text), text).toBe(0x7f000001);
    }
  });

  it.each(["256.0.0.1", "1.2.3.4.5", "1.2.3.16777216", "08.1", "1..2", "", "example.com", "1.2.3.-1", "4294967296"])("does not read %j as IPv4", (text) => {
    expect(parseIpv4(text)).toBeNull();
  });

  it("treats text that is not an address as not public", () => {
    for (const text of ["not-an-address", "", "zzzz::1", "1.2.3.4.5"]) expect(isPublicAddress(text), text).toBe(false);
  });

  it("judges 6to4 and NAT64 by the IPv4 address they carry", () => {
    expect(judge(parseIp("2002:0a00:0001::")!)).toEqual({ public: false, range: "private, as 6to4 10.0.0.1" });
    expect(judge(parseIp("64:ff9b::c0a8:1")!)).toEqual({ public: false, range: "private, as NAT64 192.168.0.1" });
    expect(judge(parseIp("2002:5db8:d822::")!)).toEqual({ public: true });
  });
});
