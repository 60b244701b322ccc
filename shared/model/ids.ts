/**
 * Stable entity ids: a kind prefix and 14 random base-62 characters (≈83 bits), so ids created
 * concurrently on different peers never collide and a reader can tell a card id from a stage id.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 14;

export const ID_PREFIXES = {
  stage: 'st',
  lane: 'ln',
  card: 'cd',
  flow: 'fl',
  persona: 'pe',
  annotation: 'an',
  comment: 'cm',
  version: 'vr',
  blueprint: 'bp',
} as const;
export type EntityKind = keyof typeof ID_PREFIXES;

/** Ids are short ASCII tokens; anything else coming from outside is rejected. */
export const ID_PATTERN = /^[A-Za-z0-9_:-]{1,64}$/;

export type RandomBytes = (length: number) => Uint8Array;

const cryptoRandomBytes: RandomBytes = (length) => globalThis.crypto.getRandomValues(new Uint8Array(length));

export function newId(kind: EntityKind, randomBytes: RandomBytes = cryptoRandomBytes): string {
  const bytes = randomBytes(RANDOM_LENGTH);
  let out = `${ID_PREFIXES[kind]}_`;
  // 62 does not divide 256; the bias (4/256 on the first 8 symbols) is irrelevant for uniqueness.
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}
