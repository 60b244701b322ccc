import { isIPv4, isIPv6 } from 'node:net';
import { CloseCode } from '../../shared/sync/contract.ts';

/**
 * Admission limits (docs/security.md, "Sync server"): connections in total and per remote address,
 * and new rooms per address per minute. Decided synchronously at the moment a socket would join,
 * so a burst of handshakes cannot all pass a check before any of them is counted.
 */
export interface AdmissionLimits {
  readonly maxConnections: number;
  readonly maxConnectionsPerAddress: number;
  readonly newRoomsPerAddressPerMinute: number;
}

export type Admitted = { readonly ok: true; readonly release: () => void };
export type Refused = { readonly ok: false; readonly code: number; readonly reason: string; readonly limit: string };

/**
 * Who counts as one address: an IPv4 address (also IPv4-mapped), or an IPv6 /64 — one home or
 * office network, which a single machine can fill with addresses at will.
 */
export function addressKey(address: string | undefined): string {
  if (!address) return '?';
  if (address.startsWith('::ffff:') && isIPv4(address.slice(7))) return address.slice(7);
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('%')[0]!.toLowerCase().split('::') as [string?, string?];
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export class Admission {
  readonly limits: AdmissionLimits;
  readonly #perAddress = new Map<string, number>();
  /** Per address: times (ms) of the new rooms opened in the last minute, oldest first. */
  readonly #newRooms = new Map<string, number[]>();
  readonly #now: () => number;
  #total = 0;

  constructor(limits: AdmissionLimits, now: () => number = Date.now) {
    this.limits = limits;
    this.#now = now;
  }

  get total(): number {
    return this.#total;
  }

  connectionsFrom(address: string | undefined): number {
    return this.#perAddress.get(addressKey(address)) ?? 0;
  }

  /**
   * Counts one more connection from `address` (into a room that is new when `newRoom`), or says
   * which limit refuses it. The caller calls `release` once that connection has closed.
   */
  enter(address: string | undefined, newRoom: boolean): Admitted | Refused {
    const key = addressKey(address);
    const { maxConnections, maxConnectionsPerAddress, newRoomsPerAddressPerMinute } = this.limits;
    if (this.#total >= maxConnections) {
      return { ok: false, code: CloseCode.serverFull, reason: `server full (${maxConnections} connections)`, limit: 'connections' };
    }
    const mine = this.#perAddress.get(key) ?? 0;
    if (mine >= maxConnectionsPerAddress) {
      return {
        ok: false,
        code: CloseCode.tooManyFromAddress,
        reason: `too many connections from your address (${maxConnectionsPerAddress})`,
        limit: 'connections_per_address',
      };
    }
    if (newRoom) {
      const now = this.#now();
      const recent = (this.#newRooms.get(key) ?? []).filter((t) => now - t < 60_000);
      if (recent.length >= newRoomsPerAddressPerMinute) {
        this.#newRooms.set(key, recent);
        return {
          ok: false,
          code: CloseCode.tooManyNewRooms,
          reason: `too many new rooms from your address (${newRoomsPerAddressPerMinute} a minute)`,
          limit: 'new_rooms_per_address',
        };
      }
      recent.push(now);
      this.#newRooms.set(key, recent);
    }
    this.#total++;
    this.#perAddress.set(key, mine + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.#total--;
        const left = (this.#perAddress.get(key) ?? 1) - 1;
        if (left > 0) this.#perAddress.set(key, left);
        else this.#perAddress.delete(key);
      },
    };
  }

  /** Forgets room-creation times older than a minute (called periodically: the map stays bounded). */
  prune(): void {
    const now = this.#now();
    for (const [key, times] of this.#newRooms) {
      const recent = times.filter((t) => now - t < 60_000);
      if (recent.length === 0) this.#newRooms.delete(key);
      else this.#newRooms.set(key, recent);
    }
  }

  /** Addresses with room-creation times kept (for tests: the bookkeeping stays bounded). */
  get trackedAddresses(): number {
    return this.#newRooms.size;
  }
}
