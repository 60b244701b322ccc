export * from './vocabulary.ts';
export * from './ids.ts';
export * from './duration.ts';
export * from './order.ts';
export * from './schema.ts';
