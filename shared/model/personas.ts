import type { Card, Persona } from './schema.ts';

/**
 * Personas as every reader shows them: in one order (by name, ties by id — personas have no
 * `order` field) and each with a colour. A persona stored without a colour (written by the CLI, a
 * template or an older app) gets one from the palette by a hash of its id, so the colour does not
 * change when other personas are added, renamed or removed.
 */
export const PERSONA_PALETTE: readonly string[] = ['#2563eb', '#d97706', '#059669', '#7c3aed', '#dc2626', '#0891b2', '#c026d3', '#65a30d'];

/** At most this many persona emotion curves are drawn at once (more would be unreadable in one band). */
export const MAX_PERSONA_CURVES = 5;

export interface PersonaView {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly colour: string;
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return Math.abs(h);
}

/** The colour `persona` is drawn in. */
export function personaColour(persona: Pick<Persona, 'id' | 'color'>): string {
  return persona.color ?? PERSONA_PALETTE[hash(persona.id) % PERSONA_PALETTE.length]!;
}

/** The personas in display order, each with its colour. */
export function personasInOrder(personas: readonly Persona[]): PersonaView[] {
  return [...personas]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((p) => ({ id: p.id, name: p.name, description: p.description, colour: personaColour(p) }));
}

/** Whether `card` is tagged with the persona `personaId`. */
export function cardConcerns(card: Pick<Card, 'personas'>, personaId: string): boolean {
  return card.personas?.includes(personaId) ?? false;
}

/** The first palette colour no persona uses yet (the palette's first when all are taken): a new persona's colour. */
export function nextPersonaColour(personas: readonly Pick<Persona, 'id' | 'color'>[]): string {
  const used = new Set(personas.map(personaColour));
  return PERSONA_PALETTE.find((c) => !used.has(c)) ?? PERSONA_PALETTE[personas.length % PERSONA_PALETTE.length]!;
}
