/**
 * The CDR counts of a step once its calls have all ended: Voxgate writes a call's end after the
 * BYE transaction, a moment after SIPp has counted the call, so the first read may still see a
 * few records `live`.
 */
import type { CallRecordCounts, VoxgateApi } from './voxgate-api.js';

const SETTLE_TIMEOUT_MS = 10_000;
const POLL_INTERVAL_MS = 250;

/** Reads until no record is live, or until the timeout; the last reading either way. */
export async function settledCallRecords(api: VoxgateApi, number: string): Promise<CallRecordCounts> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const counts = await api.callRecordCounts(number);
    if (counts.live === 0 || Date.now() > deadline) return counts;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}
