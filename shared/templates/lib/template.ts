import type { Blueprint } from '../../model/schema.ts';

/** A built-in blueprint as the gallery, the CLI (`--template NAME`) and tests list it. */
export interface Template {
  /** Stable, kebab-case: used on the command line and in saved preferences. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** A fresh, validated blueprint on every call (callers may mutate what they get). */
  build(): Blueprint;
}
