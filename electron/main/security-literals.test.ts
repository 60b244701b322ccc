import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, secureWebPreferences } from './security.ts';

/**
 * index.ts spells the web preferences and the CSP out as literals so that static analysis can see
 * them (electronegativity does not follow function calls). These tests keep those literals equal
 * to the tested policy in security.ts.
 */
const main = readFileSync(new URL('./index.ts', import.meta.url), 'utf8');

describe('security literals in the main process', () => {
  it('creates windows with exactly the checklist web preferences', () => {
    const block = /webPreferences: \{([^}]*)\}/.exec(main)?.[1];
    expect(block, 'webPreferences literal in index.ts').toBeDefined();
    const literal = Object.fromEntries(
      [...block!.matchAll(/^\s*(\w+): (.+?),\s*$/gm)].map(([, key, value]) => [
        key,
        value === 'true' ? true : value === 'false' ? false : value!.replace(/^'|'$/g, ''),
      ]),
    );
    expect(literal).toEqual({ ...secureWebPreferences('preloadPath'), preload: 'preloadPath' });
    expect(main.match(/new BrowserWindow\(/g)).toHaveLength(1);
  });

  it('sends the same Content-Security-Policy header as the app protocol', () => {
    // Whitespace-tolerant: Prettier may wrap the literal over lines.
    const header = /'Content-Security-Policy': \[\s*("[^"]*"),?\s*\]/.exec(main)?.[1];
    expect(header && JSON.parse(header)).toBe(CONTENT_SECURITY_POLICY);
  });
});
