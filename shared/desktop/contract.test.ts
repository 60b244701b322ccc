import { describe, expect, it } from 'vitest';
import { appLink, parseAppLink, syncUrlOf, webLink } from './contract.ts';

describe('journeyscroll:// links and server URLs', () => {
  it('round-trips a link, token included', () => {
    const share = { server: 'ws://192.168.1.20:4321/sync', room: 'bp-abc', token: 'a.b-c.d_e' };
    const link = appLink(share);
    expect(link).toBe('journeyscroll://b/bp-abc?server=ws%3A%2F%2F192.168.1.20%3A4321%2Fsync&token=a.b-c.d_e');
    expect(parseAppLink(link)).toEqual(share);
  });

  it('refuses what is not a blueprint link', () => {
    for (const link of [
      'https://journeyscroll.dev/b/x?server=ws://h/sync',
      'journeyscroll://x/room?server=ws://h/sync',
      'journeyscroll://b/bad%20room?server=ws://h/sync',
      'journeyscroll://b/room',
      'journeyscroll://b/room?server=javascript:alert(1)',
      'journeyscroll://b/room?server=ws://h/sync&token=<script>',
      'not a url',
    ]) {
      expect(parseAppLink(link), link).toBeNull();
    }
  });

  it('turns what people type into the sync URL a provider needs', () => {
    expect(syncUrlOf('http://10.0.0.5:4321')).toBe('ws://10.0.0.5:4321/sync');
    expect(syncUrlOf('https://sync.example.com/')).toBe('wss://sync.example.com/sync');
    expect(syncUrlOf('wss://sync.example.com/sync/')).toBe('wss://sync.example.com/sync');
    expect(syncUrlOf('ws://h:1/base?x=1#y')).toBe('ws://h:1/base/sync');
  });

  it('derives the web edition link from the sync server', () => {
    expect(webLink({ server: 'ws://10.0.0.5:4321/sync', room: 'bp-1', token: 'a.b.c' })).toBe('http://10.0.0.5:4321/b/bp-1?token=a.b.c');
    expect(webLink({ server: 'wss://sync.example.com/team/sync', room: 'r' })).toBe('https://sync.example.com/team/b/r');
  });
});
