import type { EventLog } from './event-log.ts';

/**
 * Conversion paths: a conversion closes the customer's current path (the touches since their
 * previous conversion); touches after a customer's last conversion form a path that did not convert.
 * Stored flat: path p's touches are the event indices touches[start[p]] … touches[start[p + 1] − 1],
 * in time order; conversion[p] is the converting event's index, or −1.
 */
export interface Paths {
  readonly count: number;
  readonly start: Int32Array;
  readonly touches: Int32Array;
  readonly conversion: Int32Array;
}

export function buildPaths(log: EventLog): Paths {
  const start: number[] = [0];
  const conversion: number[] = [];
  const touches = new Int32Array(log.size);
  let t = 0;
  const customers = log.customerNames.length;
  for (let c = 0; c < customers; c++) {
    let open = false;
    for (let k = log.offsets[c]!; k < log.offsets[c + 1]!; k++) {
      const e = log.order[k]!;
      if (log.value[e]! > 0) {
        conversion.push(e);
        start.push(t);
        open = false;
      } else {
        touches[t++] = e;
        open = true;
      }
    }
    if (open) {
      conversion.push(-1);
      start.push(t);
    }
  }
  return { count: conversion.length, start: Int32Array.from(start), touches: touches.slice(0, t), conversion: Int32Array.from(conversion) };
}
