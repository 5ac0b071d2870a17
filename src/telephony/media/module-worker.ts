/**
 * A worker thread that runs a module of ours: the built `.js` directly; under tsx (the sources), a
 * small bootstrap that registers tsx in the worker first, since a worker does not inherit the loader
 * hooks of its parent.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startModuleWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
