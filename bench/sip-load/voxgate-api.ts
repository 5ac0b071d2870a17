/**
 * The HTTP calls the SIP benchmark makes to the server it loads, as an operator and a tenant
 * would: an account with its key, scenarios (seed 02 dialect), numbers given and routed, and the
 * call records (CDRs) read back after each step. Routes: docs/numbers-and-calls.md.
 */

/** Counts from `GET /voxgate/v1/calls` for one dialled number. */
export interface CallRecordCounts {
  /** Records of calls to the number. */
  readonly total: number;
  /** Of those, still `live` when read. */
  readonly live: number;
  /** Ended by Voxgate (the scenario's Hang-up, a drain). */
  readonly hungUpByGateway: number;
  /** Ended by the caller's BYE. */
  readonly hungUpByCaller: number;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

async function call(
  url: string,
  init: { method: string; key: string; body?: unknown },
  expected: number,
): Promise<unknown> {
  const response = await fetch(url, {
    method: init.method,
    headers: { authorization: `Bearer ${init.key}`, ...(init.body === undefined ? {} : JSON_HEADERS) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  if (response.status !== expected) {
    throw new Error(`${init.method} ${new URL(url).pathname} answered ${response.status}: ${text}`);
  }
  return text === '' ? null : (JSON.parse(text) as unknown);
}

function field(body: unknown, ...path: string[]): unknown {
  let value = body;
  for (const name of path) value = (value as Record<string, unknown> | null)?.[name];
  return value;
}

export class VoxgateApi {
  readonly #url: string;
  readonly #adminKey: string;
  readonly #accountId: number;
  readonly #tenantKey: string;

  private constructor(url: string, adminKey: string, accountId: number, tenantKey: string) {
    this.#url = url;
    this.#adminKey = adminKey;
    this.#accountId = accountId;
    this.#tenantKey = tenantKey;
  }

  /** Creates the tenant the benchmark's calls belong to. */
  static async createTenant(url: string, adminKey: string, name: string): Promise<VoxgateApi> {
    const body = await call(`${url}/admin/accounts`, { method: 'POST', key: adminKey, body: { name } }, 201);
    const accountId = field(body, 'account', 'id');
    const key = field(body, 'key', 'key');
    if (typeof accountId !== 'number' || typeof key !== 'string')
      throw new Error(`POST /admin/accounts returned no account.id or key.key: ${JSON.stringify(body)}`);
    return new VoxgateApi(url, adminKey, accountId, key);
  }

  /** Saves a scenario (seed 02 `POST /voice/ivr/1/scenarios`) and returns its id. */
  async createScenario(name: string, script: readonly unknown[]): Promise<string> {
    const body = await call(
      `${this.#url}/voice/ivr/1/scenarios`,
      { method: 'POST', key: this.#tenantKey, body: { name, script } },
      200,
    );
    const id = field(body, 'id');
    if (typeof id !== 'string')
      throw new Error(`the scenario came back without an id: ${JSON.stringify(body)}`);
    const warnings = field(body, 'warnings');
    if (warnings !== undefined)
      throw new Error(`scenario "${name}" compiled with warnings: ${JSON.stringify(warnings)}`);
    return id;
  }

  /** Gives `number` (E.164 with +) to the tenant and routes it to the scenario. */
  async routeNumber(number: string, scenarioId: string): Promise<void> {
    await call(
      `${this.#url}/admin/numbers`,
      { method: 'POST', key: this.#adminKey, body: { account_id: this.#accountId, number } },
      201,
    );
    await call(
      `${this.#url}/voxgate/v1/numbers/${encodeURIComponent(number)}`,
      { method: 'PUT', key: this.#tenantKey, body: { scenario_id: scenarioId } },
      200,
    );
  }

  async #total(number: string, filter: Readonly<Record<string, string>>): Promise<number> {
    const query = new URLSearchParams({ number, limit: '1', ...filter });
    const body = await call(
      `${this.#url}/voxgate/v1/calls?${query.toString()}`,
      { method: 'GET', key: this.#tenantKey },
      200,
    );
    const total = field(body, 'total');
    if (typeof total !== 'number')
      throw new Error(`GET /voxgate/v1/calls has no total: ${JSON.stringify(body)}`);
    return total;
  }

  /** What the CDRs say about the calls to one number. */
  async callRecordCounts(number: string): Promise<CallRecordCounts> {
    const [total, live, hungUpByGateway, hungUpByCaller] = await Promise.all([
      this.#total(number, {}),
      this.#total(number, { live: 'true' }),
      this.#total(number, { hangup_source: 'GATEWAY' }),
      this.#total(number, { hangup_source: 'CALLER' }),
    ]);
    return { total, live, hungUpByGateway, hungUpByCaller };
  }
}
