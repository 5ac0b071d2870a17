/**
 * Writes a benchmark's results under bench/results: a dated JSON and Markdown
 * pair kept as history, and `NAME-latest.md` overwritten for quick reading.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/** An ISO 8601 time without the colons and milliseconds that make file names awkward. */
export function fileStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '-');
}

export async function writeResults(
  name: string,
  date: Date,
  json: unknown,
  markdown: string,
): Promise<readonly string[]> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const base = path.join(RESULTS_DIR, `${name}-${fileStamp(date)}`);
  const files = [`${base}.json`, `${base}.md`, path.join(RESULTS_DIR, `${name}-latest.md`)];
  await writeFile(files[0]!, `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(files[1]!, markdown);
  await writeFile(files[2]!, markdown);
  return files.map((file) => path.relative(process.cwd(), file));
}
