import {
  ArrowBindingUtil,
  ArrowShapeUtil,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  GeoShapeUtil,
  type TLRecord,
  type TLShapeId,
  type TLStore,
} from 'tldraw';
import { PROJECTED_SHAPE_UTILS } from '../shapes/index.ts';

/** For the managers' unit tests: the canvas's real tldraw store (shapes and bindings), without an editor or a DOM. */
export function canvasStore(): TLStore {
  return createTLStore({ shapeUtils: [...defaultShapeUtils, ...PROJECTED_SHAPE_UTILS], bindingUtils: defaultBindingUtils });
}

// tldraw's shape utils give their default props without an editor; the tests draw with them.
const utilDefaults = (Util: new (editor: never) => { getDefaultProps(): object }) => new Util({ options: {} } as never).getDefaultProps();

/** A rectangle as the user would draw it (a record the store validates). */
export function geoShape(store: TLStore, id: string, x = 0, y = 0): TLRecord {
  return store.schema.types.shape.create({
    id: id as TLShapeId,
    type: 'geo',
    x,
    y,
    index: 'a9' as never,
    parentId: 'page:page' as never,
    props: utilDefaults(GeoShapeUtil as never),
  } as never);
}

/** An arrow from one shape to another: the arrow and its two bindings. */
export function arrowBetween(store: TLStore, id: string, from: string, to: string): TLRecord[] {
  const arrow = store.schema.types.shape.create({
    id: id as TLShapeId,
    type: 'arrow',
    x: 0,
    y: 0,
    index: 'a9' as never,
    parentId: 'page:page' as never,
    props: utilDefaults(ArrowShapeUtil as never),
  } as never);
  const binding = (terminal: 'start' | 'end', toId: string) =>
    store.schema.types.binding.create({
      id: `binding:${id.slice(6)}-${terminal}` as never,
      type: 'arrow',
      fromId: id as TLShapeId,
      toId: toId as TLShapeId,
      props: { ...utilDefaults(ArrowBindingUtil as never), terminal },
    } as never);
  return [arrow, binding('start', from), binding('end', to)];
}
