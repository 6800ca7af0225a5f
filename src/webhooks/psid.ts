import { nodeCrypto } from '../io/lazy.js';

/** A fresh 16-digit PSID (`--psid new`, and each case of `lead-kit test`): a person no app has seen before. */
export function freshPsid(): string {
  const { randomInt } = nodeCrypto();
  return `${randomInt(1, 10)}${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e6)).padStart(6, '0')}`;
}
