import { randomInt } from 'node:crypto';

const SLUG_MAX_LENGTH = 40;
const SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const CLIENT_ID_SUFFIX_LENGTH = 6;

/** "Wiki (Équipe IT)" → "wiki-equipe-it": lower-case ASCII letters, digits and single dashes. */
export function clientIdSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // the accents NFKD split off
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, '');
  return slug || 'app';
}

/**
 * A readable, unique-enough client id: the slug of the name and 6 random characters
 * ("wiki-k3f9qa"), so two apps with the same name still differ and ids are not guessable in order.
 */
export function newClientId(name: string, suffix: string = randomSuffix()): string {
  return `${clientIdSlug(name)}-${suffix}`;
}

export function randomSuffix(length = CLIENT_ID_SUFFIX_LENGTH): string {
  let out = '';
  for (let i = 0; i < length; i++) out += SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)];
  return out;
}
