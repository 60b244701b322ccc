import { describe, expect, it } from 'vitest';
import { Admission, addressKey } from './admission.ts';

describe('admission limits', () => {
  it('counts connections in total and per address, and frees them on release', () => {
    const admission = new Admission({ maxConnections: 3, maxConnectionsPerAddress: 2, newRoomsPerAddressPerMinute: 100 });
    const a1 = admission.enter('10.0.0.1', false);
    const a2 = admission.enter('::ffff:10.0.0.1', false); // the same address, IPv4-mapped
    expect([a1.ok, a2.ok]).toEqual([true, true]);
    expect(admission.enter('10.0.0.1', false)).toMatchObject({ ok: false, code: 4529, limit: 'connections_per_address' });
    expect(admission.enter('10.0.0.2', false).ok).toBe(true);
    expect(admission.enter('10.0.0.3', false)).toMatchObject({ ok: false, code: 4503, limit: 'connections' });
    if (a1.ok) {
      a1.release();
      a1.release(); // twice is once
    }
    expect(admission.total).toBe(2);
    expect(admission.connectionsFrom('10.0.0.1')).toBe(1);
    expect(admission.enter('10.0.0.3', false).ok).toBe(true);
  });

  it('limits new rooms per address per minute, and forgets old ones', () => {
    let now = 0;
    const admission = new Admission({ maxConnections: 100, maxConnectionsPerAddress: 100, newRoomsPerAddressPerMinute: 2 }, () => now);
    expect(admission.enter('10.0.0.1', true).ok).toBe(true);
    expect(admission.enter('10.0.0.1', true).ok).toBe(true);
    expect(admission.enter('10.0.0.1', true)).toMatchObject({ ok: false, code: 4530, limit: 'new_rooms_per_address' });
    expect(admission.enter('10.0.0.1', false).ok).toBe(true); // an existing room
    expect(admission.enter('10.0.0.2', true).ok).toBe(true);
    now = 60_000;
    expect(admission.enter('10.0.0.1', true).ok).toBe(true);
    now = 200_000;
    admission.prune();
    expect(admission.trackedAddresses).toBe(0);
  });

  it('counts an IPv6 /64 as one address', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey(undefined)).toBe('?');
  });
});
