/** A tenant to load the API as: one account created through the operator API, and its API key. */

export async function createTenantKey(url: string, adminKey: string, name: string): Promise<string> {
  const response = await fetch(`${url}/admin/accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST /admin/accounts answered ${response.status}: ${text}`);
  const body = JSON.parse(text) as { key?: { key?: unknown } };
  const key = body.key?.key;
  if (typeof key !== 'string') throw new Error(`POST /admin/accounts returned no key.key: ${text}`);
  return key;
}
