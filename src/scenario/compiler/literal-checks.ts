/**
 * Checks of literal values the schemas cannot make because the same fields
 * also take `${…}` (section 7: INVALID_NUMBER, INVALID_URL, INVALID_SSML,
 * INVALID_IDENTIFIER). A template with expressions is checked at run time.
 */
import type { Template } from '../expressions/index.js';

/** The text of a template without expressions; null when it reads variables. */
export function literalText(template: Template): string | null {
  if (!template.isPlain) return null;
  return template.parts.map((part) => (part.kind === 'text' ? part.text : '')).join('');
}

/** E.164 with an optional `+`; the Dial extension also takes `sip:<subscriber>`. */
export function isDialableNumber(value: string, options: { sip?: boolean } = {}): boolean {
  if (options.sip === true && /^sip:[A-Za-z0-9._+-]{1,64}$/.test(value)) return true;
  return /^\+?[1-9][0-9]{6,14}$/.test(value);
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export function isMediaReference(value: string): boolean {
  return /^media:[A-Za-z0-9_-]{1,64}$/.test(value);
}

/** An SMS sender: 3..11 letters and digits with a letter, or 3..14 digits (with an optional `+`). */
export function isSmsSender(value: string): boolean {
  return /^(?=.*[A-Za-z])[A-Za-z0-9 _-]{3,11}$/.test(value) || /^\+?[0-9]{3,14}$/.test(value);
}

/** Well-formed SSML as section 5.19 reads it: balanced tags, a `speak` root. Unknown elements are allowed (their text is spoken). */
export function ssmlDefect(value: string): string | null {
  const stack: string[] = [];
  const tag = /<\s*(\/)?\s*([A-Za-z][\w:-]*)[^<>]*?(\/)?\s*>|<|>/g;
  let sawRoot = false;
  for (const match of value.matchAll(tag)) {
    const name = match[2];
    if (name === undefined) return 'stray angle bracket';
    if (match[1] !== undefined) {
      if (stack.pop() !== name) return `closing </${name}> does not match`;
      continue;
    }
    if (stack.length === 0 && sawRoot) return 'content after </speak>';
    if (stack.length === 0 && name !== 'speak') return 'the root element must be <speak>';
    sawRoot = true;
    if (match[3] === undefined) stack.push(name);
  }
  if (stack.length > 0) return `<${stack.at(-1) ?? ''}> is not closed`;
  return null;
}
