import { describe, expect, it } from 'vitest';
import { WaitingRoom } from '../../../electron/host/store-bus/waiting-room';

describe('WaitingRoom (connections not signed in yet)', () => {
  it('refuses a peer past its own share, whatever room is left', () => {
    const room = new WaitingRoom(2, 10);
    expect(room.admit('a', () => undefined)).not.toBeNull();
    expect(room.admit('a', () => undefined)).not.toBeNull();
    expect(room.admit('a', () => undefined)).toBeNull();
    expect(room.admit('b', () => undefined)).not.toBeNull();
  });

  it('when full, gives a newcomer the place of the oldest connection of the peer holding the most', () => {
    const room = new WaitingRoom(3, 4);
    const closed: string[] = [];
    room.admit('attacker-1', () => closed.push('attacker-1 first'));
    room.admit('attacker-1', () => closed.push('attacker-1 second'));
    room.admit('attacker-1', () => closed.push('attacker-1 third'));
    room.admit('attacker-2', () => closed.push('attacker-2 first'));
    const tablet = room.admit('tablet', () => closed.push('tablet'));
    expect(tablet?.evicted).toBe('attacker-1');
    expect(closed).toEqual(['attacker-1 first']);
  });

  it('never evicts for a peer that already holds as many as every other', () => {
    const room = new WaitingRoom(3, 2);
    room.admit('a', () => undefined);
    room.admit('b', () => undefined);
    // 'a' holds 1, as does 'b': a second from 'a' would make it the largest; it is refused instead.
    expect(room.admit('a', () => undefined)).toBeNull();
    // A peer with none takes a place from one with one.
    expect(room.admit('c', () => undefined)?.evicted).toBeDefined();
  });

  it('frees a place once, on sign-in or close', () => {
    const room = new WaitingRoom(1, 1);
    const first = room.admit('a', () => undefined)!;
    first.release();
    first.release();
    expect(room.admit('a', () => undefined)).not.toBeNull();
    expect(room.admit('a', () => undefined)).toBeNull();
  });
});
