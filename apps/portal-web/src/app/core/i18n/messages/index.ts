import type { Locale } from '@passerelle/contracts';
import { en, type MessageKey, type Messages } from './en';
import { fr } from './fr';

export type { MessageKey, Messages };

export const DICTIONARIES: Readonly<Record<Locale, Messages>> = { en, fr };
