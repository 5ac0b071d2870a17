/**
 * Size caps on SIP input. A message past one of them is refused before any further work, so a
 * hostile peer cannot make the parser or a stream buffer grow without bound.
 */

/**
 * The largest message accepted, header section and body together: what one UDP datagram can
 * carry. A larger request is answered 513 Message Too Large.
 * https://www.rfc-editor.org/rfc/rfc3261#section-21.5.14
 */
export const MAX_SIP_MESSAGE_BYTES = 65_535;

/** The longest header line accepted, folded continuation lines included. */
export const MAX_SIP_HEADER_LINE_BYTES = 8_192;

/** The most header field values accepted in one message, after splitting comma-separated lists. */
export const MAX_SIP_HEADER_COUNT = 256;

/**
 * The largest CSeq sequence number: "MUST be expressible as a 32-bit unsigned integer" and, for a
 * new request, "less than 2**31". https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.5
 */
export const MAX_CSEQ_NUMBER = 2 ** 31 - 1;

/** The largest Max-Forwards value: "an integer in the range 0-255". */
export const MAX_MAX_FORWARDS = 255;
