/**
 * Header field names: case-insensitive, with compact forms, and a canonical spelling for output.
 * https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1 and
 * https://www.rfc-editor.org/rfc/rfc3261#section-7.3.3
 */

/** What the message layer knows about one header field name. */
export interface HeaderName {
  /** The spelling written on the wire: `Call-ID`, `CSeq`, `WWW-Authenticate`. */
  readonly canonical: string;
  /** The lower-case long form, used for every lookup. */
  readonly key: string;
  /**
   * True when the field's grammar is a comma-separated list (`Via = "Via" HCOLON via-parm
   * *(COMMA via-parm)`), so that one line may carry several values. Fields whose single value
   * may itself hold commas (WWW-Authenticate, Authorization, Date...) are false.
   */
  readonly list: boolean;
}

/** Fields that carry a comma-separated list of values (RFC 3261 section 25.1 and extensions). */
const LIST_FIELDS = [
  'Accept',
  'Accept-Contact',
  'Accept-Encoding',
  'Accept-Language',
  'Alert-Info',
  'Allow',
  'Allow-Events',
  'Call-Info',
  'Contact',
  'Content-Encoding',
  'Content-Language',
  'Diversion',
  'Error-Info',
  'History-Info',
  'In-Reply-To',
  'P-Asserted-Identity',
  'P-Preferred-Identity',
  'Path',
  'Proxy-Require',
  'Reason',
  'Record-Route',
  'Reject-Contact',
  'Require',
  'Route',
  'Service-Route',
  'Supported',
  'Unsupported',
  'Via',
  'Warning',
] as const;

/** Single-valued fields (and fields whose value may hold commas), in their canonical spelling. */
const SINGLE_FIELDS = [
  'Authentication-Info',
  'Authorization',
  'Call-ID',
  'Content-Disposition',
  'Content-Length',
  'Content-Type',
  'CSeq',
  'Date',
  'Event',
  'Expires',
  'From',
  'Identity',
  'Max-Forwards',
  'MIME-Version',
  'Min-Expires',
  'Min-SE',
  'Organization',
  'Priority',
  'Privacy',
  'Proxy-Authenticate',
  'Proxy-Authorization',
  'RAck',
  'Refer-To',
  'Referred-By',
  'Replaces',
  'Reply-To',
  'Request-Disposition',
  'Retry-After',
  'RSeq',
  'Server',
  'Session-Expires',
  'Subject',
  'Subscription-State',
  'Timestamp',
  'To',
  'User-Agent',
  'WWW-Authenticate',
] as const;

/**
 * Compact forms: RFC 3261 section 7.3.3 (i m e l c f s k t v), RFC 6665 (o u), RFC 3515 (r),
 * RFC 3892 (b), RFC 4028 (x), RFC 3841 (a j d), RFC 8224 (y).
 */
const COMPACT_FORMS: Readonly<Record<string, string>> = {
  i: 'Call-ID',
  m: 'Contact',
  e: 'Content-Encoding',
  l: 'Content-Length',
  c: 'Content-Type',
  f: 'From',
  s: 'Subject',
  k: 'Supported',
  t: 'To',
  v: 'Via',
  o: 'Event',
  u: 'Allow-Events',
  r: 'Refer-To',
  b: 'Referred-By',
  x: 'Session-Expires',
  a: 'Accept-Contact',
  j: 'Reject-Contact',
  d: 'Request-Disposition',
  y: 'Identity',
};

const KNOWN = new Map<string, HeaderName>();
for (const canonical of LIST_FIELDS) remember(entry(canonical, true));
for (const canonical of SINGLE_FIELDS) remember(entry(canonical, false));
for (const [compact, canonical] of Object.entries(COMPACT_FORMS)) {
  const long = KNOWN.get(canonical.toLowerCase());
  if (long === undefined) throw new Error(`compact form ${compact} names an unknown field`);
  KNOWN.set(compact, long);
}

/** Files a name under its lower-case and its canonical spelling, so the usual case needs no lower-casing. */
function remember(name: HeaderName): void {
  KNOWN.set(name.key, name);
  KNOWN.set(name.canonical, name);
}

function entry(canonical: string, list: boolean): HeaderName {
  return Object.freeze({ canonical, key: canonical.toLowerCase(), list });
}

/**
 * Looks a field name up: a known name or compact form gives its canonical long form; an unknown
 * name is kept as written (a UA ignores it and a proxy forwards it unchanged), keyed by its
 * lower-case spelling.
 */
export function lookupHeaderName(name: string): HeaderName {
  const known = KNOWN.get(name) ?? KNOWN.get(name.toLowerCase());
  return known ?? { canonical: name, key: name.toLowerCase(), list: false };
}

/** The lower-case long form of `name`, under which SipHeaders files it. */
export function headerKey(name: string): string {
  return lookupHeaderName(name).key;
}
