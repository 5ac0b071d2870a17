/**
 * Table types for Kysely. Times are ISO-8601 UTC strings (`2026-11-23T16:22:37.123Z`)
 * in both engines, so they sort as text and read the same everywhere.
 */
import type { Generated } from 'kysely';

export interface AccountsTable {
  id: Generated<number>;
  /** The account this sub-account belongs to; null for a top-level account. */
  parent_id: number | null;
  name: string;
  status: 'active' | 'disabled';
  max_subaccounts: number;
  /** 1 when inbound calls are answered, 0 when refused (SIP 403). */
  inbound_calls: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  account_id: number;
  login: string;
  email: string | null;
  password_hash: string;
  created_at: string;
  updated_at: string;
}

export interface ApiKeysTable {
  id: Generated<number>;
  /** Null for an operator key. */
  account_id: number | null;
  /** The key's first characters, shown in lists and used to revoke it. */
  prefix: string;
  /** SHA-256 of the whole key, hex. */
  token_hash: string;
  name: string;
  created_at: string;
  updated_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SessionsTable {
  id: Generated<number>;
  account_id: number;
  user_id: number | null;
  token_hash: string;
  refresh_hash: string;
  valid_until: string;
  refreshable_until: string;
  created_at: string;
  revoked_at: string | null;
}

export interface ScenariosTable {
  /** 32 upper-case hex characters, as seed 02 shows. */
  id: string;
  account_id: number;
  name: string;
  description: string | null;
  document: string;
  created_at: string;
  updated_at: string;
  /** `YYYY-MM-DD` of the last call that ran it. */
  last_usage_date: string | null;
}

export interface SmsMessagesTable {
  /** 8 upper-case hex characters: seed 04's hash. */
  id: string;
  account_id: number;
  type: 'IN' | 'OUT';
  from_address: string;
  to_number: string;
  text: string;
  encoding: 'GSM' | 'UNICODE';
  parts: number;
  status: 'CREATED' | 'ERROR' | 'EXPIRED' | 'FAILED' | 'PENDING' | 'RECEIVED' | 'REMOTE_QUEUED' | 'SENT';
  status_error: string | null;
  nature: 'ALERTING' | 'MARKETING';
  call_id: string | null;
  user_data: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
  received_at: string | null;
}

export interface NumbersTable {
  id: Generated<number>;
  /** Canonical `+E164`, unique across accounts. */
  number: string;
  /** Seed 04's DID `hash`: 8 upper-case hex characters (null only before migration 0007 filled it). */
  hash: string | null;
  account_id: number;
  /** The scenario inbound calls run; null when unrouted. */
  scenario_id: string | null;
  /** The real-time app inbound calls go to instead (migration 0009); never set with scenario_id. */
  app_id: Generated<string | null>;
  /** The receptionist (migration 0010) inbound calls will go to; routing reads it in a later change. */
  receptionist_id: Generated<string | null>;
  created_at: string;
  updated_at: string;
}

export interface CallsTable {
  /** 64-bit: PostgreSQL's bigint arrives as text, SQLite's integer as a number. */
  id: Generated<number | string>;
  account_id: number;
  direction: 'inbound' | 'outbound';
  status: 'live' | 'ended';
  /** The Voxgate node that handles (or handled) the call. */
  node_id: string;
  sip_call_id: string;
  /** E.164 calling number; null when withheld or not a number. */
  cli_number: string | null;
  cli_name: string | null;
  cli_pres: 'allowed_passed_screen' | 'prohib_passed_screen';
  /** The number called: the DID of an inbound call, the destination of an outbound one. */
  number: string;
  number_id: number | null;
  scenario_id: string | null;
  scenario_name: string | null;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  /** Whole seconds, set when the call ends. */
  duration: number | null;
  duration_answered: number | null;
  /** ITU-T Q.850 cause. */
  hangup_cause: number | null;
  hangup_source: 'CALLER' | 'CALLEE' | 'GATEWAY' | null;
  /** The scenario engine's events as a JSON array, written when the call ends. */
  timeline: string | null;
  /** Seed 04's CDR `customer_field` (`cdr_field` of a real-time call): up to 32 alphanumerics. */
  customer_field: Generated<string | null>;
  /** Seed 04's CDR `package_name`: ACTIONS10 for a scenario run, REALTIME10 for a real-time app. */
  package_name: Generated<string | null>;
  /** ISO 3166-1 alpha-2 country of `cli_number` and of `number`; null when unknown. */
  cli_country: Generated<string | null>;
  number_country: Generated<string | null>;
}

export interface WebhooksTable {
  /** 8 upper-case hex characters: seed 04's hash. */
  id: string;
  account_id: number;
  /** An event type of CALLR-METHODS.md section 5.1. */
  type: string;
  endpoint: string;
  /** `JSON`, the only format. */
  format: string;
  hmac_algo: string;
  hmac_secret: string | null;
  /** ENABLED, DISABLED, DISABLED_ADMIN or DISABLED_SYSTEM. */
  status: string;
  created_at: string;
  updated_at: string;
}

export interface AppsTable {
  /** 8 upper-case hex characters: seed 04's hash. */
  id: string;
  account_id: number;
  name: string;
  /** Seed 04's `App.Package.name`: `REALTIME10`. */
  package: string;
  /** The package's parameters (seed 04's `p`), JSON text. */
  params: string;
  created_at: string;
  updated_at: string;
}

export interface EventsTable {
  /** `event_id`: 32 characters [0-9A-Za-z]. */
  id: string;
  account_id: number;
  type: string;
  /** JSON text. */
  data: string;
  /** Milliseconds since the epoch (a bigint on PostgreSQL, read back as a string). */
  occurred_at: number | string;
}

export interface DeliveriesTable {
  id: Generated<number>;
  event_id: string;
  webhook_id: string | null;
  endpoint: string;
  try: number;
  /** PENDING, DELIVERED or FAILED. */
  status: string;
  next_attempt_at: number | string;
  lease_owner: string | null;
  lease_until: number | string | null;
  last_http_code: number | null;
  last_error: string | null;
  created_at: number | string;
  updated_at: number | string;
  /** A dynamic webhook's own signing; null for a subscription's job (read from the subscription). */
  hmac_algo: string | null;
  hmac_secret: string | null;
  /** `event`: the Webhook.Event envelope; `data`: the event's data alone. */
  body_form: Generated<string>;
}

export interface DeliveryAttemptsTable {
  id: Generated<number>;
  account_id: number;
  event_id: string;
  event_type: string;
  /** Milliseconds since the epoch, as the events' `occurred_at`. */
  event_at: number | string;
  delivery_id: number;
  webhook_id: string | null;
  endpoint: string;
  try: number;
  /** SUCCESS or FAILURE. */
  status: string;
  http_code: number | null;
  error: string | null;
  duration_ms: number;
  attempted_at: number | string;
}

export interface ReceptionistsTable {
  /** Seed 01's 64-bit id as decimal text; the API shows base64 of it. */
  id: string;
  account_id: number;
  name: string;
  /** Said with text-to-speech; null when the greeting is a media URL. */
  greeting_text: string | null;
  greeting_language: string;
  greeting_voice: string | null;
  /** An http(s) media URL played; null when the greeting is said. */
  greeting_url: string | null;
  /** JSON object: key (`0-9*#`) -> scenario id of the same account. */
  options: string;
  timeout_s: number;
  max_repeats: number;
  created_at: string;
  updated_at: string;
}

export interface ActionUrlsTable {
  /** Seed 01's 64-bit id as decimal text. */
  id: string;
  receptionist_id: string;
  account_id: number;
  name: string | null;
  /** 1 or 0. */
  enabled: number;
  /** DTMF or CALLER; null never fires. */
  type: string | null;
  /** GET or POST; null sends POST. */
  method: string | null;
  /** JSON object of header name -> value. */
  headers: string | null;
  caller_mask: string | null;
  dtmf_mask: string | null;
  connection_timeout: number;
  request_timeout: number;
  /** DISABLE, BASIC, DIGEST or BEARER. */
  auth: string;
  username: string | null;
  password: string | null;
  token: string | null;
  url: string | null;
  created_at: string;
  updated_at: string;
}

export interface Database {
  accounts: AccountsTable;
  users: UsersTable;
  api_keys: ApiKeysTable;
  sessions: SessionsTable;
  scenarios: ScenariosTable;
  sms_messages: SmsMessagesTable;
  numbers: NumbersTable;
  calls: CallsTable;
  webhooks: WebhooksTable;
  apps: AppsTable;
  events: EventsTable;
  deliveries: DeliveriesTable;
  delivery_attempts: DeliveryAttemptsTable;
  receptionists: ReceptionistsTable;
  action_urls: ActionUrlsTable;
}
