/**
 * Splits SIPp's `-trace_msg` file into the SIP messages it sent and received, so a test can count
 * responses or compare branches. Each entry starts with a dashed line and a timestamp, then
 * "UDP message sent (N bytes):" or "TCP message received [N] bytes :", a blank line, the message.
 */

export const SIPP_DIRECTION = { sent: 'sent', received: 'received' } as const;
export type SippDirection = (typeof SIPP_DIRECTION)[keyof typeof SIPP_DIRECTION];

export interface SippLoggedMessage {
  readonly direction: SippDirection;
  /** The start line: `INVITE sip:4000@127.0.0.1:5060 SIP/2.0`, `SIP/2.0 200 OK`. */
  readonly startLine: string;
  /** The whole message, CRLF line ends as on the wire. */
  readonly text: string;
}

const ENTRY_SEPARATOR = /^-{20,} \S+ \S+\r?\n/m;
const ENTRY_HEAD = /^(?:UDP|TCP|TLS|SCTP) message (sent|received)\b[^\n]*\n\r?\n/;

/** The messages in log order. Entries that are not messages (SIPp notes) are skipped. */
export function parseSippMessageLog(log: string): SippLoggedMessage[] {
  const messages: SippLoggedMessage[] = [];
  for (const entry of log.split(ENTRY_SEPARATOR)) {
    const head = ENTRY_HEAD.exec(entry);
    if (head === null) continue;
    const text = entry.slice(head[0].length).replace(/\n$/, '');
    const startLine = text.split(/\r?\n/, 1)[0] ?? '';
    messages.push({
      direction: head[1] === 'sent' ? SIPP_DIRECTION.sent : SIPP_DIRECTION.received,
      startLine,
      text,
    });
  }
  return messages;
}

/** A header's first value, by name (case-insensitive, compact forms not expanded), or null. */
export function headerValue(message: SippLoggedMessage, name: string): string | null {
  const pattern = new RegExp(`^${name}[ \\t]*:[ \\t]*(.*?)\\r?$`, 'im');
  return pattern.exec(message.text.split(/\r?\n\r?\n/, 1)[0] ?? '')?.[1] ?? null;
}

/** The `branch` parameter of the top Via. */
export function topViaBranch(message: SippLoggedMessage): string | null {
  return /;branch=([^;,\s]+)/.exec(headerValue(message, 'Via') ?? '')?.[1] ?? null;
}

/** The `tag` parameter of the To header. */
export function toTag(message: SippLoggedMessage): string | null {
  return /;tag=([^;,\s]+)/.exec(headerValue(message, 'To') ?? '')?.[1] ?? null;
}
