/**
 * The media thread's entry point (a worker thread started by media-thread.ts): a MediaHost
 * driven by the main thread's messages. See media-host.ts for why media runs here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { MediaHost } from './media-host.js';
import type { MediaCommand, MediaEvent, MediaThreadSettings } from './media-protocol.js';
import { setThreadPriority } from './thread-priority.js';

const port = parentPort;
if (port === null) throw new Error('media-worker.ts runs as a worker thread (see media-thread.ts)');
const settings = workerData as MediaThreadSettings;
const emit = (event: MediaEvent): void => port.postMessage(event);
const refused = settings.priority === null ? null : setThreadPriority(settings.priority);
const host = new MediaHost({ host: settings.host, rtpPorts: settings.rtpPorts, cname: settings.cname, emit });
port.on('message', (command: MediaCommand) => host.handle(command));
emit({ op: 'ready', capacity: host.capacity, priority: { asked: settings.priority, refused } });
