import { describe, expect, it } from 'vitest';
import { MAX_PERSONA_CURVES } from '../../shared/model/index.ts';
import { personaStyles } from './persona-styles.ts';
import { PersonaViewState } from './persona-view.ts';

describe('the persona view of one window', () => {
  it('toggles curves, at most five at once, and tells its listeners', () => {
    const view = new PersonaViewState();
    let told = 0;
    view.subscribe(() => told++);
    for (let i = 0; i < MAX_PERSONA_CURVES; i++) expect(view.toggleCurve(`pe_${i}`)).toBe(true);
    expect(view.toggleCurve('pe_extra')).toBe(false);
    expect(view.get().shown).toHaveLength(MAX_PERSONA_CURVES);
    view.toggleCurve('pe_0');
    expect(view.get().shown).not.toContain('pe_0');
    expect(told).toBe(MAX_PERSONA_CURVES + 1);
  });

  it('shows only the chosen persona (unroll mode) and forgets deleted personas', () => {
    const view = new PersonaViewState();
    view.toggleCurve('pe_a');
    view.toggleCurve('pe_b');
    view.setFilter('pe_b');
    view.showOnly(['pe_c']);
    expect(view.get()).toEqual({ shown: ['pe_c'], filter: 'pe_b' });
    view.prune(new Set(['pe_c']));
    expect(view.get()).toEqual({ shown: ['pe_c'], filter: null });
  });

  it('styles the canvas: a rule per shown curve, one for the filter, none for a malformed id', () => {
    expect(personaStyles({ shown: [], filter: null })).toBe('');
    const css = personaStyles({ shown: ['pe_a', 'bad"]{}*{color:red'], filter: 'pe_b' });
    expect(css).toContain('.js-persona-curve[data-persona="pe_a"]{display:inline}');
    expect(css).toContain('.js-card:not([data-personas~="pe_b"]){opacity:0.22}');
    expect(css).not.toContain('color:red');
  });
});
