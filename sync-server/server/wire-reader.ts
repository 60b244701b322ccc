/**
 * A strict reader of lib0's variable-length encoding, bounds-checked against the frame itself.
 * lib0's own decoder trusts lengths and would read past a frame that is a view into a larger
 * (pooled) buffer; this one throws ProtocolError at the first byte that does not fit, and every
 * byte array it returns is a copy that owns its memory.
 */
export class ProtocolError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class WireReader {
  pos = 0;
  readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
  /** An unsigned integer of at most 8 bytes (53 bits: what JavaScript numbers hold exactly). */
  varUint(): number {
    let value = 0;
    let multiplier = 1;
    for (let i = 0; i < 8; i++) {
      if (this.pos >= this.bytes.length) throw new ProtocolError('truncated message');
      const byte = this.bytes[this.pos++]!;
      value += (byte & 0x7f) * multiplier;
      if (byte < 0x80) return value;
      multiplier *= 128;
    }
    throw new ProtocolError('integer out of range');
  }
  varBytes(): Uint8Array {
    const length = this.varUint();
    if (length > this.bytes.length - this.pos) throw new ProtocolError('truncated message');
    // A copy with its own ArrayBuffer (Buffer#slice would return a view into the frame's pool).
    const out = new Uint8Array(this.bytes.subarray(this.pos, this.pos + length));
    this.pos += length;
    return out;
  }
  /** A length-prefixed UTF-8 string; invalid UTF-8 is refused rather than replaced. */
  varString(): string {
    const length = this.varUint();
    if (length > this.bytes.length - this.pos) throw new ProtocolError('truncated message');
    let text: string;
    try {
      text = utf8.decode(this.bytes.subarray(this.pos, this.pos + length));
    } catch {
      throw new ProtocolError('invalid UTF-8');
    }
    this.pos += length;
    return text;
  }
  get done(): boolean {
    return this.pos === this.bytes.length;
  }
  end(): void {
    if (this.pos !== this.bytes.length) throw new ProtocolError('trailing bytes after message');
  }
}
