import { z } from 'zod';

/**
 * Windows reopen where they were — unless that place is gone (a monitor unplugged, a smaller
 * screen): then on the primary display, centred. The saved state is data from disk, so it is
 * validated like any other input.
 */
export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const windowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean().default(false),
  fullScreen: z.boolean().default(false),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export const MIN_WIDTH = 800;
export const MIN_HEIGHT = 560;
/** How much of a window's title bar must be on a display for it to count as reachable. */
const VISIBLE = 100;

export function restoreWindowState(saved: unknown, workAreas: readonly Bounds[], primary: Bounds): WindowState {
  const parsed = windowStateSchema.safeParse(saved);
  const fallback = centred(primary);
  if (!parsed.success) return fallback;
  const state = parsed.data;
  const area = workAreas.find((a) => overlap(state, a) >= VISIBLE);
  if (!area) return { ...fallback, maximized: state.maximized };
  const width = Math.max(MIN_WIDTH, Math.min(state.width, area.width));
  const height = Math.max(MIN_HEIGHT, Math.min(state.height, area.height));
  const x = Math.min(Math.max(state.x, area.x), area.x + area.width - Math.min(width, area.width));
  const y = Math.min(Math.max(state.y, area.y), area.y + area.height - Math.min(height, area.height));
  return { ...state, x, y, width, height };
}

function centred(area: Bounds): WindowState {
  const width = Math.max(MIN_WIDTH, Math.round(area.width * 0.8));
  const height = Math.max(MIN_HEIGHT, Math.round(area.height * 0.8));
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
    maximized: false,
    fullScreen: false,
  };
}

/** Width of the window's top strip (its title bar) that lies on the area. */
function overlap(window: Bounds, area: Bounds): number {
  const titleBarY = window.y + 10;
  if (titleBarY < area.y || titleBarY > area.y + area.height) return 0;
  return Math.max(0, Math.min(window.x + window.width, area.x + area.width) - Math.max(window.x, area.x));
}
