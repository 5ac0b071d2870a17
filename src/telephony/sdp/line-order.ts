/**
 * The order RFC 4566 section 5 fixes for the lines of a session section (after v=, o=, s=) and of
 * a media section (after m=). Lines the model keeps verbatim are held in this order, so that a
 * parsed description and its serialization agree; letters outside it sort after them, before a=.
 * https://www.rfc-editor.org/rfc/rfc4566#section-5
 */
import type { SdpLine } from './session-description.js';

/** i= u= e= p= c= b= t= r= z= k= (then a=). */
export const SESSION_LINE_ORDER: readonly string[] = ['i', 'u', 'e', 'p', 'c', 'b', 't', 'r', 'z', 'k'];

/** i= c= b= k= (then a=). */
export const MEDIA_LINE_ORDER: readonly string[] = ['i', 'c', 'b', 'k'];

/** Lines sorted by their letter's place in `order`, keeping the relative order of each letter. */
export function sortLines(lines: readonly SdpLine[], order: readonly string[]): SdpLine[] {
  const rank = (line: SdpLine): number => {
    const index = order.indexOf(line.type);
    return index === -1 ? order.length : index;
  };
  // Array.prototype.sort is stable (ES2019), which keeps each letter's lines in arrival order.
  return [...lines].sort((a, b) => rank(a) - rank(b));
}
