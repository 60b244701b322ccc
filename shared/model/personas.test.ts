import { describe, expect, it } from 'vitest';
import { cardConcerns, nextPersonaColour, PERSONA_PALETTE, personaColour, personasInOrder } from './personas.ts';
import { cardSchema, personaSchema } from './schema.ts';

describe('personas as readers show them', () => {
  it('orders by name, ties by id, and keeps a stored colour', () => {
    const list = personasInOrder([
      { id: 'pe_b', name: 'Buyer', description: '', color: '#111111' },
      { id: 'pe_a', name: 'Buyer', description: '' },
      { id: 'pe_c', name: 'Admin', description: 'x' },
    ]);
    expect(list.map((p) => p.id)).toEqual(['pe_c', 'pe_a', 'pe_b']);
    expect(list[2]!.colour).toBe('#111111');
  });

  it('gives a persona without a colour a palette colour that depends only on its id', () => {
    const alone = personaColour({ id: 'pe_x1' });
    expect(PERSONA_PALETTE).toContain(alone);
    const withOthers = personasInOrder([
      { id: 'pe_x1', name: 'Z', description: '' },
      { id: 'pe_x2', name: 'A', description: '' },
    ]).find((p) => p.id === 'pe_x1')!.colour;
    expect(withOthers).toBe(alone);
  });

  it('offers a new persona the first colour nobody uses', () => {
    expect(nextPersonaColour([])).toBe(PERSONA_PALETTE[0]);
    expect(
      nextPersonaColour([
        { id: 'a', color: PERSONA_PALETTE[0]! },
        { id: 'b', color: PERSONA_PALETTE[1]! },
      ]),
    ).toBe(PERSONA_PALETTE[2]);
  });

  it('knows which cards concern a persona', () => {
    expect(cardConcerns({ personas: ['pe_a', 'pe_b'] }, 'pe_b')).toBe(true);
    expect(cardConcerns({ personas: ['pe_a'] }, 'pe_b')).toBe(false);
    expect(cardConcerns({}, 'pe_b')).toBe(false);
  });

  it('validates colours and tag lists', () => {
    expect(personaSchema.safeParse({ id: 'pe_a', name: 'A', color: 'red' }).success).toBe(false);
    const base = { id: 'cd_a', stageId: 'st_a', laneId: 'ln_a', order: 'a0', kind: 'feeling', title: 't' };
    expect(cardSchema.safeParse({ ...base, personas: ['pe_a'] }).success).toBe(true);
    expect(cardSchema.safeParse({ ...base, personas: ['not an id!'] }).success).toBe(false);
    expect(cardSchema.safeParse({ ...base, personas: 'pe_a' }).success).toBe(false);
  });
});
