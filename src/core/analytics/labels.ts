/**
 * `billing_label` of the tops by destination and by DID. Voxgate has no rate table, so the billing
 * destination is the country: its English name (`France`), or `Unknown` when the number's country
 * is not known (a non-geographic code, a record from before countries were kept).
 */
const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

export const UNKNOWN_DESTINATION = 'Unknown';

export function billingLabel(countryCode: string | null): string {
  if (countryCode === null || countryCode === '') return UNKNOWN_DESTINATION;
  return REGION_NAMES.of(countryCode) ?? countryCode;
}
