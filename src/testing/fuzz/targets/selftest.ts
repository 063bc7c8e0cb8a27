/**
 * A target that misbehaves on purpose, one way per input value, so the harness's classification (and
 * its watchdog, which must stop a synchronous endless loop) is itself tested. Not in the suite's list.
 */
import fc from 'fast-check';
import { InvalidArgumentError } from '../../../errors.ts';
import { defineTarget } from '../types.ts';

export const SELFTEST_TARGET = defineTarget<number, undefined, number>({
  name: 'selftest.outcomes',
  inputs: () => fc.integer({ min: 0, max: 6 }),
  run: async (i) => {
    switch (i) {
      case 1:
        throw new InvalidArgumentError('typed');
      case 2:
        throw new TypeError('generic');
      case 3:
        for (;;); // hang: only the watchdog can stop this
      case 4:
        throw 'a string'; // crash: not an Error
      case 5:
        void Promise.reject(new Error('stray')); // crash: an unhandled rejection
        return 0;
      case 6:
        return -1; // wrong: the oracle refuses it
      default:
        return 0;
    }
  },
  check: (_i, r) => (r < 0 ? 'negative result' : undefined),
});

let calls = 0;

/** Hangs on its 5th call in a worker: with 5 cases, the last case; a fresh worker must still finish. */
export const LAST_HANG_TARGET = defineTarget<number, undefined, number>({
  name: 'selftest.last-hang',
  inputs: () => fc.constant(7),
  run: (x) => {
    if (++calls === 5) for (;;);
    return x;
  },
});
