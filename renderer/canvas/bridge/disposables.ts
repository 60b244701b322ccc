/**
 * The one way the canvas bridge collects what it must undo on teardown: listeners, timers,
 * side-effect handlers and the managers themselves. Everything is disposed once, in reverse order of
 * adding (a manager added after the one it uses goes first), and anything added after `dispose()`
 * is disposed at once, so a late registration cannot leak.
 */
export interface Disposable {
  dispose(): void;
}

export type Teardown = Disposable | (() => void);

export class Disposables implements Disposable {
  private readonly items: Teardown[] = [];
  private done = false;

  get disposed(): boolean {
    return this.done;
  }

  /** Adds a teardown and returns what was added (so `const x = bag.add(createX())` reads naturally). */
  add<T extends Teardown>(item: T): T {
    if (this.done) run(item);
    else this.items.push(item);
    return item;
  }

  dispose(): void {
    if (this.done) return;
    this.done = true;
    const errors: unknown[] = [];
    for (const item of this.items.splice(0).reverse()) {
      try {
        run(item);
      } catch (error) {
        errors.push(error);
      }
    }
    // Every teardown ran; the first failure is still reported.
    if (errors.length) throw errors[0];
  }
}

function run(item: Teardown): void {
  if (typeof item === 'function') item();
  else item.dispose();
}
