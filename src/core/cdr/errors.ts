import { defineError } from '../../errors.js';

/** `cdr.get` is unpaged; past this many records the caller must narrow the range or page with search. */
export const CdrTooMany = defineError(
  'VG_ERR_CDR_TOO_MANY',
  422,
  'more than 10000 call records match; narrow the range or use the paged search',
);
