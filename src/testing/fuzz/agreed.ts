import { LinkrecError } from '../../errors.ts';

/**
 * Every path of a differential target refused the input with the same typed error: the case counts
 * as `typed` (the message carries the shared error).
 */
export class AgreedRejection extends LinkrecError {
  override name = 'AgreedRejection';
}
