/** What running an action tells the block runner to do next. */

export type Flow =
  | { readonly kind: 'next' }
  /** Resume at `index` of block `blockId` (a Go To), unwinding every block in between. */
  | { readonly kind: 'jump'; readonly blockId: number; readonly index: number }
  /** The script ends here: Hang-up, hang-up by the caller, or a budget spent. */
  | { readonly kind: 'stop' };

export const NEXT: Flow = Object.freeze({ kind: 'next' });
export const STOP: Flow = Object.freeze({ kind: 'stop' });
