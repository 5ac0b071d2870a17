/**
 * How many parts an SMS takes (seed 04's `parts` and `encoding`): GSM 03.38
 * text fits 160 characters in one part and 153 per part when concatenated;
 * anything else is sent as UCS-2, 70 and 67.
 */

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters of the extension table: each costs two septets (an escape, then the character). */
const GSM_EXTENDED = '^{}\\[~]|€\f';

const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

export interface SmsParts {
  readonly encoding: 'GSM' | 'UNICODE';
  readonly parts: number;
}

export function smsParts(text: string): SmsParts {
  let septets = 0;
  for (const char of text) {
    if (BASIC.has(char)) septets += 1;
    else if (EXTENDED.has(char)) septets += 2;
    else return unicodeParts(text);
  }
  return { encoding: 'GSM', parts: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

function unicodeParts(text: string): SmsParts {
  // UCS-2 counts UTF-16 code units: a character outside the BMP takes two.
  const units = text.length;
  return { encoding: 'UNICODE', parts: units <= 70 ? 1 : Math.ceil(units / 67) };
}
