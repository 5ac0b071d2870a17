/**
 * `collectResponse` (section 5.1, step 4): the first-level primitive fields
 * of a JSON object, or the text-only children of an XML root, become
 * variables. Nested values, arrays, attributes, invalid or reserved names and
 * fields past the 50th are skipped.
 */
import { toText } from '../../expressions/index.js';

export const MAX_RESPONSE_FIELDS = 50;

function fromJson(body: string): [string, string][] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const fields: [string, string][] = [];
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      value === null
    ) {
      fields.push([name, typeof value === 'string' ? value : toText(value)]);
    }
  }
  return fields;
}

const XML_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

function decodeXmlText(text: string): string {
  return text.replace(/&(lt|gt|amp|apos|quot|#\d+|#x[0-9a-fA-F]+);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return XML_ENTITIES[entity] ?? '';
  });
}

/** The root's direct children that hold only text; a linear scan, no DTDs, no entity expansion beyond the five. */
function fromXml(body: string): [string, string][] | null {
  const withoutProlog = body.replace(/^\s*<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '');
  const root = /^\s*<([A-Za-z_][\w.-]*)[^>]*>([\s\S]*)<\/\1\s*>\s*$/.exec(withoutProlog);
  if (root === null) return null;
  const inner = root[2] ?? '';
  const fields: [string, string][] = [];
  let depth = 0;
  const tag = /<(\/?)([A-Za-z_][\w.-]*)[^>]*?(\/?)>/g;
  let openName = '';
  let openEnd = 0;
  let hasChildElement = false;
  for (const match of inner.matchAll(tag)) {
    const [whole, closing, name = '', selfClosing] = match;
    const index = match.index;
    if (selfClosing === '/') {
      if (depth === 0) fields.push([name, '']);
      else hasChildElement = true;
      continue;
    }
    if (closing === '/') {
      depth -= 1;
      if (depth === 0 && name === openName && !hasChildElement) {
        fields.push([name, decodeXmlText(inner.slice(openEnd, index))]);
      }
      continue;
    }
    if (depth === 0) {
      openName = name;
      openEnd = index + whole.length;
      hasChildElement = false;
    } else hasChildElement = true;
    depth += 1;
  }
  return fields;
}

/** The fields to set, or null when the body cannot be parsed (PARSE_ERROR). */
export function responseFields(contentType: string, body: string): [string, string][] | null {
  const trimmed = body.trimStart();
  if (/json/i.test(contentType) || trimmed.startsWith('{')) return fromJson(body);
  if (/xml/i.test(contentType) || trimmed.startsWith('<')) return fromXml(body);
  return null;
}
