import { useEffect, useState } from 'react';
import { lintBlueprint, type Finding } from '../../shared/journey/index.ts';
import type { Blueprint } from '../../shared/model/index.ts';

/** How long edits settle before the journey is linted again (lint of 5,000 cards takes ~40 ms). */
const SETTLE_MS = 250;

/**
 * The lint findings of the blueprint, recomputed once edits settle rather than on every keystroke
 * or remote batch, so a large blueprint stays smooth to edit. The first result is immediate.
 */
export function useLint(blueprint: Blueprint): readonly Finding[] {
  const [state, setState] = useState(() => ({ of: blueprint, findings: lintBlueprint(blueprint) }));
  useEffect(() => {
    if (state.of === blueprint) return;
    const timer = setTimeout(() => setState({ of: blueprint, findings: lintBlueprint(blueprint) }), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [blueprint, state.of]);
  return state.findings;
}
