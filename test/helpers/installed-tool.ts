/**
 * Whether a peer tool is on the PATH, as node:test's `skip` wants it: `false` to run, or the
 * reason to skip. The CI installs every tool (.ci/run); a skip names what a laptop lacks.
 */
import { spawnSync } from 'node:child_process';

/** `false` when `binary` is installed, else "`binary` is not installed (Debian package ...)". */
export function skipUnlessInstalled(binary: string, debianPackage = binary): string | false {
  const found = spawnSync('sh', ['-c', 'command -v "$0"', binary]).status === 0;
  return found ? false : `${binary} is not installed (Debian package ${debianPackage})`;
}
