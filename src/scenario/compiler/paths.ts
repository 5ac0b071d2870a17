/** Paths into a submitted document as section 7 writes them: `.key`, `["key"]` when not an identifier, `[i]`. */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (IDENTIFIER.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** Appends an Ajv instance path (`/options/maxInputLength`) to `parent`. */
export function appendPointer(parent: string, pointer: string): string {
  let path = parent;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path = childPath(path, /^\d+$/.test(segment) ? Number(segment) : segment);
  }
  return path;
}
