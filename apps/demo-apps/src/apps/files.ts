import type { DemoAppDefinition } from '../core/definition';
import { listCard, pick } from './content';

export const files: DemoAppDefinition = {
  key: 'files',
  name: 'Files',
  colour: '#1d5a9e',
  tagline: { en: 'Shared documents of every team', fr: 'Les documents partagés de chaque équipe' },
  content: (_person, lang) =>
    listCard(
      pick(lang, { en: 'Recent documents', fr: 'Documents récents' }),
      ['Catalogue-2026.pdf', 'Plan-atelier-v3.dwg', pick(lang, { en: 'Holiday-rota.xlsx', fr: 'Planning-vacances.xlsx' }), 'Photos-salon-Bâle.zip'],
      'files-documents',
    ),
  alerts: (base) => [
    {
      recipients: { groups: ['IT'] },
      title: 'Sauvegarde nocturne du partage échouée',
      body: 'La sauvegarde de 02:00 du partage **Atelier** s’est arrêtée : disque de destination plein (98 %).\nLes fichiers modifiés depuis hier ne sont pas sauvegardés.',
      severity: 'critical',
      link: `${base}/`,
      dedupeKey: 'files-sauvegarde-nocturne-echec',
    },
  ],
};
