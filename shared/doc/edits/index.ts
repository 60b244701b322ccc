export { EditError } from './entity.ts';
export * from './meta.ts';
export * from './stages.ts';
export * from './lanes.ts';
export * from './cards.ts';
export * from './flows.ts';
export * from './personas.ts';
export * from './annotations.ts';
