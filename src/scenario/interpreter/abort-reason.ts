/**
 * The reason every engine abort carries. `AbortController.abort()` without a
 * reason builds a DOMException each time, which profiling showed to be one of
 * the engine's largest costs per call; nothing reads the reason, so one shared
 * value does.
 */
export const ENGINE_ABORT = Object.freeze({ name: 'EngineAbort' });
