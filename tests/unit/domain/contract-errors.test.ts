import { describe, expect, it } from 'vitest';
import { CALL_ERROR_CODES, errorCodeOf, KioskCallError, staffSignInProblemOf } from '../../../common/contract/index';
import { catalogs } from '../../../common/i18n';

describe('contract error codes', () => {
  it('are read from the error, never from its words', () => {
    expect(errorCodeOf(new KioskCallError('locked_out', 'anything at all'))).toBe('locked_out');
    expect(errorCodeOf(new KioskCallError('wrong_pin', 'locked out after repeated wrong PINs'))).toBe('wrong_pin');
    expect(errorCodeOf(new Error('locked_out'))).toBe('failed');
    expect(errorCodeOf({ code: 'no_such_code' })).toBe('failed');
    expect(errorCodeOf('unavailable')).toBe('failed');
  });

  it('tell a wrong PIN from a lockout from an unreachable store, by code', () => {
    expect(staffSignInProblemOf(new KioskCallError('wrong_pin', 'locked out'))).toBe('wrong_pin');
    expect(staffSignInProblemOf(new KioskCallError('locked_out', 'wrong name or PIN'))).toBe('locked_out');
    expect(staffSignInProblemOf(new KioskCallError('unavailable', 'wrong name or PIN'))).toBe('unavailable');
    expect(staffSignInProblemOf(new Error('wrong name or PIN'))).toBe('unavailable');
  });

  it('each have words in every language', () => {
    for (const catalog of Object.values(catalogs)) expect(Object.keys(catalog.errors).sort()).toEqual([...CALL_ERROR_CODES].sort());
  });
});
