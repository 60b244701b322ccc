import { describe, expect, it } from 'vitest';
import { getTemplate } from '../../shared/templates/index.ts';
import { EXPORT_FORMATS, exportAsText } from './export-formats.ts';

describe('Export dialog formats', () => {
  const blueprint = getTemplate('b2b-lead-to-renewal')!.build();

  it('offers the standalone XState module and the bare JSON config, as the CLI does', () => {
    expect(EXPORT_FORMATS.find((f) => f.id === 'xstate')?.extension).toBe('xstate.mjs');
    expect(EXPORT_FORMATS.find((f) => f.id === 'xstate-json')?.extension).toBe('xstate.json');
  });

  it('writes the module with its own driver, and the config as JSON', () => {
    const module = exportAsText('xstate', blueprint);
    expect(module).toMatch(/^import \{ assign, createActor, setup \} from 'xstate';$/m);
    expect(module).toContain('export function runScript(');
    expect(module.match(/^import .*$/gm)).toEqual(["import { assign, createActor, setup } from 'xstate';"]); // nothing else imported
    expect(JSON.parse(exportAsText('xstate-json', blueprint))).toMatchObject({ id: 'journey', initial: '$idle' });
  });
});
