/**
 * A worker for thread-priority.test.ts: asks for the priority in `workerData`, then reads back the
 * thread's nice value, real-time priority and policy from /proc/thread-self/stat, fields 19, 40 and
 * 41 (proc(5)).
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { setThreadPriority, type ThreadPriority } from '../thread-priority.js';

const refused = setThreadPriority(workerData as ThreadPriority);
const stat = readFileSync('/proc/thread-self/stat', 'utf8');
// Fields after the command name in parentheses start at field 3.
const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
const field = (n: number): number => Number(fields[n - 3]);
parentPort?.postMessage({ refused, nice: field(19), rtPriority: field(40), policy: field(41) });
