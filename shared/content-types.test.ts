import { describe, expect, it } from 'vitest';
import { contentTypeOf } from './content-types.ts';

describe('contentTypeOf', () => {
  it('names the renderer’s file types, whatever the case of the extension', () => {
    expect(contentTypeOf('/srv/out/web/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('assets/index-CguYSx9L.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('C:\\app\\fonts\\IBMPlexSans.woff2')).toBe('font/woff2');
    expect(contentTypeOf('translations/en.json')).toBe('application/json; charset=utf-8');
  });

  it('serves unknown, missing and dot-file extensions as opaque bytes', () => {
    expect(contentTypeOf('blob.bin')).toBe('application/octet-stream');
    expect(contentTypeOf('assets/LICENSE')).toBe('application/octet-stream');
    expect(contentTypeOf('.env')).toBe('application/octet-stream');
    expect(contentTypeOf('dir.d/file')).toBe('application/octet-stream');
  });
});
