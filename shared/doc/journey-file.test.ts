import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { generateBlueprint } from '../model/index.ts';
import { decodeJourneyFile, encodeJourneyFile, JourneyFileError, readJourneyFileHeader } from './journey-file.ts';
import { readBlueprint } from './read.ts';
import { blueprintToDoc } from './write.ts';

const doc = () => blueprintToDoc(generateBlueprint({ cards: 60, stages: 5, seed: 5, title: 'Saved journey' }));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytes = (s: string) => new TextEncoder().encode(s);

function expectError(input: Uint8Array, kind: JourneyFileError['kind'], message: RegExp) {
  try {
    decodeJourneyFile(input);
  } catch (error) {
    expect(error).toBeInstanceOf(JourneyFileError);
    expect((error as JourneyFileError).kind).toBe(kind);
    expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error('decodeJourneyFile accepted a bad file');
}

describe('.journey files', () => {
  it('round-trips losslessly and keeps the Yjs history mergeable', () => {
    const original = doc();
    const file = encodeJourneyFile(original, new Date('2026-05-01T00:00:00Z'));
    const opened = decodeJourneyFile(file);
    expect(readBlueprint(opened)).toEqual(readBlueprint(original));
    expect(Y.encodeStateVector(opened)).toEqual(Y.encodeStateVector(original));
  });

  it('starts with readable metadata', () => {
    const file = encodeJourneyFile(doc(), new Date('2026-05-01T00:00:00Z'));
    expect(readJourneyFileHeader(file)).toMatchObject({
      format: 'journeyscroll',
      formatVersion: 1,
      title: 'Saved journey',
      savedAt: '2026-05-01T00:00:00.000Z',
      counts: { stages: 5, cards: 60, lanes: 7 },
    });
    expect(text(file).slice(0, 200)).toMatch(/"format": "journeyscroll"/);
  });

  it('names a truncated file as truncated', () => {
    const file = encodeJourneyFile(doc());
    expectError(file.subarray(0, Math.floor(file.length / 2)), 'corrupt', /truncated/);
  });

  it('detects damaged document data', () => {
    const json = JSON.parse(text(encodeJourneyFile(doc())));
    const data: string = json.state.data;
    json.state.data = (data[10] === 'A' ? 'B' : 'A') + data.slice(1);
    json.state.data = data.slice(0, 10) + (data[10] === 'A' ? 'B' : 'A') + data.slice(11);
    expectError(bytes(JSON.stringify(json)), 'corrupt', /checksum/);
    json.state.data = '%%%';
    expectError(bytes(JSON.stringify(json)), 'corrupt', /base64/);
  });

  it('refuses a file from a newer format with what to do', () => {
    const json = JSON.parse(text(encodeJourneyFile(doc())));
    json.formatVersion = 7;
    json.app = '9.0.0';
    expectError(bytes(JSON.stringify(json)), 'too-new', /format 7.*Update JourneyScroll/);
  });

  it('says when a file is not a .journey file at all', () => {
    expectError(bytes('hello'), 'not-journey', /not a JourneyScroll/);
    expectError(bytes('{"format":"other"}'), 'not-journey', /not a JourneyScroll/);
    expectError(new Uint8Array([0xff, 0xfe, 0x00]), 'not-journey', /not a JourneyScroll/);
  });
});
