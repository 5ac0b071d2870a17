import { isUniqueViolation } from './unique-violation.js';

/** A fresh random id that met an existing one is drawn again; more than this many times is not chance. */
const ID_ATTEMPTS = 4;

/** Inserts with a fresh random id from `draw`, drawing again on the (unlikely) clash of ids. */
export async function withFreshId<T>(draw: () => string, insert: (id: string) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await insert(draw());
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= ID_ATTEMPTS) throw error;
    }
  }
}
