/**
 * Outbound SMS as records: a message is written (status PENDING) before any
 * delivery is attempted, so a crash loses nothing; the SMPP delivery worker
 * of a later issue takes it from there. Scenarios reach it through the
 * engine's SmsSender interface.
 */
import type { Db } from '../../db/database.js';
import { isDialableNumber } from '../../scenario/compiler/literal-checks.js';
import type { SmsSender } from '../../scenario/interpreter/services.js';
import type { Tenant } from '../accounts/types.js';
import { toStoredTime, type Clock } from '../shared/clock.js';
import { smsParts } from './sms-parts.js';
import { newObjectHash } from '../shared/object-hash.js';

export interface MessagingServiceOptions {
  readonly db: Db;
  readonly clock: Clock;
  /** The sender used when a message names none (seed 04: "SMS"). */
  readonly defaultSender?: string;
}

export interface StoredSms {
  readonly id: string;
  readonly accountId: number;
  readonly from: string;
  readonly to: string;
  readonly text: string;
  readonly encoding: 'GSM' | 'UNICODE';
  readonly parts: number;
  readonly status: string;
  readonly callId: string | null;
  readonly createdAt: string;
}

export type MessagingService = ReturnType<typeof createMessagingService>;

export function createMessagingService({ db, clock, defaultSender = 'SMS' }: MessagingServiceOptions) {
  return {
    /** The SMS sender of one call's scenario: records messages for the tenant, tagged with the call. */
    scenarioSender(tenant: Tenant): SmsSender {
      return {
        async send(request) {
          if (!isDialableNumber(request.to))
            return { status: 'REJECTED', reason: 'the destination is not an E.164 number' };
          const now = toStoredTime(clock.now());
          const { encoding, parts } = smsParts(request.text);
          const id = newObjectHash();
          await db
            .insertInto('sms_messages')
            .values({
              id,
              account_id: tenant.accountId,
              type: 'OUT',
              from_address: request.from ?? defaultSender,
              to_number: request.to.startsWith('+') ? request.to : `+${request.to}`,
              text: request.text,
              encoding,
              parts,
              status: 'PENDING',
              status_error: null,
              nature: 'ALERTING',
              call_id: request.callId,
              user_data: null,
              created_at: now,
              updated_at: now,
              sent_at: null,
              received_at: null,
            })
            .execute();
          return { status: 'ACCEPTED', messageId: id };
        },
      };
    },

    async listOutbound(tenant: Tenant, limit = 50): Promise<readonly StoredSms[]> {
      const rows = await db
        .selectFrom('sms_messages')
        .selectAll()
        .where('account_id', '=', tenant.accountId)
        .where('type', '=', 'OUT')
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        accountId: row.account_id,
        from: row.from_address,
        to: row.to_number,
        text: row.text,
        encoding: row.encoding,
        parts: row.parts,
        status: row.status,
        callId: row.call_id,
        createdAt: row.created_at,
      }));
    },
  };
}
