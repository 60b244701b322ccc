import { describe, expect, it } from 'vitest';
import { blueprintToDoc, readBlueprint } from '../../../shared/doc/index.ts';
import { generateBlueprint } from '../../../shared/model/index.ts';
import { projectBlueprint } from '../projection.ts';
import { FLOWS, type FlowsProps } from '../shape-types.ts';
import type { ModelEdit } from './edit-queue.ts';
import { FlowPicking, type FlowCanvas, type Point } from './flow-picking.ts';

/** The flows of a real projection, and a canvas that clicks where the test says. */
function setup() {
  const doc = blueprintToDoc(generateBlueprint({ cards: 30, stages: 3, seed: 8, flowRatio: 0.5 }));
  const shape = projectBlueprint(readBlueprint(doc)).shapes.find((s) => s.type === FLOWS)!;
  const lines = (shape.props as FlowsProps).lines;
  let click: (p: Point) => void = () => undefined;
  let selectionChanged: () => void = () => undefined;
  let selected = false;
  const canvas: FlowCanvas = {
    onBareCanvasClick(h) {
      click = h;
      return () => (click = () => undefined);
    },
    flows: () => ({ lines, origin: { x: shape.x, y: shape.y } }),
    tolerance: () => 6,
    hasSelectedShapes: () => selected,
    onSelectionChange(h) {
      selectionChanged = h;
      return () => (selectionChanged = () => undefined);
    },
    selectNone: () => (selected = false),
  };
  const edits: ModelEdit[] = [];
  const keys = new EventTarget();
  const picking = new FlowPicking({ canvas, edit: (fn) => edits.push(fn), keys });
  const line = lines[0]!;
  // A point on the first flow: where it starts, a little along.
  const onLine = { x: shape.x + line.x1 + (line.x2 - line.x1) * 0.02, y: shape.y + line.y1 + (line.y2 - line.y1) * 0.02 };
  const press = (key: string, target: object | null = null) => {
    const event = Object.assign(new Event('keydown', { cancelable: true }), { key });
    if (target) Object.defineProperty(event, 'target', { value: target });
    keys.dispatchEvent(event);
    return event;
  };
  return {
    doc,
    picking,
    edits,
    line,
    onLine,
    click: (p: Point) => click(p),
    select: () => ((selected = true), selectionChanged()),
    press,
  };
}

describe('FlowPicking', () => {
  it('picks the flow under a click on bare canvas, and none on empty canvas', () => {
    const { picking, click, onLine, line } = setup();
    click(onLine);
    expect(picking.selected.get()).toBe(line.id);
    click({ x: -10_000, y: -10_000 });
    expect(picking.selected.get()).toBeNull();
  });

  it('clears the pick when a shape is selected', () => {
    const { picking, click, onLine, select } = setup();
    click(onLine);
    select();
    expect(picking.selected.get()).toBeNull();
  });

  it('deletes the picked flow on Delete, but not while typing in a field', () => {
    const { doc, picking, click, onLine, line, press, edits } = setup();
    click(onLine);
    expect(press('Delete', { tagName: 'INPUT' }).defaultPrevented).toBe(false);
    expect(edits).toHaveLength(0);
    const event = press('Backspace');
    expect(event.defaultPrevented).toBe(true);
    expect(picking.selected.get()).toBeNull();
    edits[0]!(doc, {});
    expect(readBlueprint(doc).flows.some((f) => f.id === line.id)).toBe(false);
  });

  it('forgets a flow the model no longer has', () => {
    const { picking, line } = setup();
    picking.pick(line.id);
    picking.keepIf((id) => id !== line.id);
    expect(picking.selected.get()).toBeNull();
  });

  it('hears nothing once disposed', () => {
    const { picking, click, onLine, press, edits } = setup();
    click(onLine);
    picking.dispose();
    press('Delete');
    expect(edits).toHaveLength(0);
  });
});
