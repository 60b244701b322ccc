import { describe, expect, it } from 'vitest';
import { Disposables } from './disposables.ts';

describe('Disposables', () => {
  it('disposes functions and disposables once, last added first', () => {
    const order: string[] = [];
    const bag = new Disposables();
    bag.add(() => order.push('a'));
    bag.add({ dispose: () => order.push('b') });
    bag.add(() => order.push('c'));
    bag.dispose();
    bag.dispose();
    expect(order).toEqual(['c', 'b', 'a']);
    expect(bag.disposed).toBe(true);
  });

  it('disposes at once what is added after disposal', () => {
    const bag = new Disposables();
    bag.dispose();
    let ran = 0;
    bag.add(() => ran++);
    expect(ran).toBe(1);
  });

  it('runs every teardown even when one throws, then reports the failure', () => {
    const bag = new Disposables();
    let ran = 0;
    bag.add(() => ran++);
    bag.add(() => {
      throw new Error('broken');
    });
    bag.add(() => ran++);
    expect(() => bag.dispose()).toThrow('broken');
    expect(ran).toBe(2);
  });
});
