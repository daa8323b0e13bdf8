import type { Locale } from '@passerelle/contracts';
import { en, type LazyMessageKey, type MessageKey, type Messages } from './en';
import { fr } from './fr';

export type { LazyMessageKey, MessageKey, Messages };

/** A dictionary a lazy route brings, in both languages. */
export type LazyMessages = Readonly<Record<Locale, Readonly<Partial<Record<LazyMessageKey, string>>>>>;

export const DICTIONARIES: Readonly<Record<Locale, Messages>> = { en, fr };
