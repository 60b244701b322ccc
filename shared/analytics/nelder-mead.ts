/**
 * Nelder–Mead minimisation (the standard reflection 1, expansion 2, contraction ½, shrink ½), with
 * restarts from the best point until a restart no longer improves: simplex methods can stall on a
 * degenerate simplex, and a fresh one around the best point gets them going again. No gradients,
 * so it suits likelihoods with special functions in them. The CLV fits run it on log-parameters.
 */
export interface MinimizeOptions {
  readonly tolerance?: number;
  readonly maxEvaluations?: number;
  /** The initial simplex's step along each axis. */
  readonly step?: number;
}

export interface MinimizeResult {
  readonly x: number[];
  readonly value: number;
  readonly evaluations: number;
}

export function minimize(f: (x: readonly number[]) => number, start: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  const tolerance = options.tolerance ?? 1e-10;
  const maxEvaluations = options.maxEvaluations ?? 20_000;
  let evaluations = 0;
  const fx = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let best = { x: [...start], value: fx([...start]) };
  for (let restart = 0; restart < 10; restart++) {
    const next = run(best.x, options.step ?? 0.5);
    const improved = best.value - next.value > tolerance * (Math.abs(best.value) + tolerance);
    if (next.value <= best.value) best = next;
    if (!improved || evaluations >= maxEvaluations) break;
  }
  return { ...best, evaluations };

  function run(x0: number[], step: number) {
    const n = x0.length;
    const simplex: { x: number[]; value: number }[] = [{ x: x0, value: fx(x0) }];
    for (let i = 0; i < n; i++) {
      const x = [...x0];
      x[i]! += step;
      simplex.push({ x, value: fx(x) });
    }
    while (evaluations < maxEvaluations) {
      simplex.sort((a, b) => a.value - b.value);
      const lo = simplex[0]!;
      const hi = simplex[n]!;
      if (Math.abs(hi.value - lo.value) <= tolerance * (Math.abs(lo.value) + tolerance)) {
        let size = 0;
        for (const p of simplex) for (let i = 0; i < n; i++) size = Math.max(size, Math.abs(p.x[i]! - lo.x[i]!));
        if (size < 1e-8) break;
      }
      const centroid = new Array<number>(n).fill(0);
      for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) centroid[i]! += simplex[k]!.x[i]! / n;
      const along = (t: number) => centroid.map((c, i) => c + t * (hi.x[i]! - c));
      const reflected = along(-1);
      const fr = fx(reflected);
      if (fr < lo.value) {
        const expanded = along(-2);
        const fe = fx(expanded);
        simplex[n] = fe < fr ? { x: expanded, value: fe } : { x: reflected, value: fr };
      } else if (fr < simplex[n - 1]!.value) simplex[n] = { x: reflected, value: fr };
      else {
        const contracted = fr < hi.value ? along(-0.5) : along(0.5);
        const fc = fx(contracted);
        if (fc < Math.min(fr, hi.value)) simplex[n] = { x: contracted, value: fc };
        else
          for (let k = 1; k <= n; k++) {
            const x = simplex[k]!.x.map((v, i) => lo.x[i]! + 0.5 * (v - lo.x[i]!));
            simplex[k] = { x, value: fx(x) };
          }
      }
    }
    simplex.sort((a, b) => a.value - b.value);
    return simplex[0]!;
  }
}
