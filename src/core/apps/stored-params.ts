/**
 * The JSON text of an app's `params` column: seed 04's `REALTIME10` object, as written and read back
 * (`url`, `login`, `password`, `data_format`). One place reads it, so a row written by an older
 * version with a property missing reads the same everywhere.
 */
import type { RealtimeDataFormat } from './types.js';

export interface StoredRealtimeParams {
  readonly url: string;
  readonly login: string | null;
  readonly password: string | null;
  readonly data_format: RealtimeDataFormat;
}

export function parseStoredParams(text: string): StoredRealtimeParams {
  const raw = JSON.parse(text) as Partial<Record<keyof StoredRealtimeParams, unknown>>;
  return {
    url: typeof raw.url === 'string' ? raw.url : '',
    login: typeof raw.login === 'string' ? raw.login : null,
    password: typeof raw.password === 'string' ? raw.password : null,
    data_format: 'JSON',
  };
}

export function serializeParams(params: StoredRealtimeParams): string {
  return JSON.stringify(params);
}
