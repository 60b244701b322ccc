import type { Disposable } from './disposables.ts';

/**
 * How long the camera must have been still before the canvas counts it as resting. tldraw calls
 * the camera idle 64 ms after its last move; a wheel or trackpad pan pauses longer than that
 * between bursts, and every rest swaps the picture for the cards (docs/canvas.md), so a pan in
 * bursts would pay for that swap at each pause.
 */
export const SETTLE_MS = 150;

export interface CameraMotionOptions {
  /** Calls `onChange` with tldraw's camera state now and whenever it changes (true: moving). */
  readonly watch: (onChange: (moving: boolean) => void) => () => void;
  /** Told when the camera starts moving and when it has settled. */
  readonly onChange: (moving: boolean) => void;
  readonly settleMs?: number;
  readonly timers?: { set(run: () => void, ms: number): unknown; clear(handle: unknown): void };
}

const realTimers = {
  set: (run: () => void, ms: number) => setTimeout(run, ms),
  clear: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Whether the camera is moving, as the canvas sees it: from its first move until it has settled. */
export class CameraMotion implements Disposable {
  private current = false;
  private timer: unknown = null;
  private readonly options: CameraMotionOptions;
  private readonly timers: NonNullable<CameraMotionOptions['timers']>;
  private readonly stop: () => void;

  constructor(options: CameraMotionOptions) {
    this.options = options;
    this.timers = options.timers ?? realTimers;
    this.stop = options.watch(this.onCameraState);
  }

  get moving(): boolean {
    return this.current;
  }

  private readonly onCameraState = (moving: boolean): void => {
    if (moving) {
      if (this.timer !== null) this.timers.clear(this.timer);
      this.timer = null;
      this.set(true);
    } else if (this.current && this.timer === null) {
      this.timer = this.timers.set(() => {
        this.timer = null;
        this.set(false);
      }, this.options.settleMs ?? SETTLE_MS);
    }
  };

  private set(moving: boolean): void {
    if (moving === this.current) return;
    this.current = moving;
    this.options.onChange(moving);
  }

  dispose(): void {
    this.stop();
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}
