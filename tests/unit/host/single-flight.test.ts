// The one single-flight helper of the device service: a second caller with the same key joins.
import { describe, expect, it } from 'vitest';
import { singleFlight } from '../../../electron/host/devices/single-flight';

describe('single flight', () => {
  it('joins a running task of the same key, runs other keys on their own, and forgets a key once settled', async () => {
    const flights = singleFlight<string, number>();
    let started = 0;
    let release!: (value: number) => void;
    const task = () => {
      started += 1;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const first = flights.run('a', task);
    const joined = flights.run('a', task);
    expect(joined).toBe(first);
    expect(flights.running('a')).toBe(first);
    expect(flights.size).toBe(1);
    const other = flights.run('b', async () => 7);
    release(42);
    expect(await Promise.all([first, joined, other])).toEqual([42, 42, 7]);
    await flights.settled();
    expect(flights.running('a')).toBeUndefined();
    expect(flights.size).toBe(0);
    expect(started).toBe(1);
  });

  it('a failed task is forgotten too, so the key can run again', async () => {
    const flights = singleFlight<string, number>();
    await expect(flights.run('a', async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await flights.run('a', async () => 1)).toBe(1);
  });
});
