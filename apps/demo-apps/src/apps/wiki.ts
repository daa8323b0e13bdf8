import type { DemoAppDefinition } from '../core/definition';
import { listCard, pick } from './content';

export const wiki: DemoAppDefinition = {
  key: 'wiki',
  name: 'Wiki',
  colour: '#1f6b4a',
  tagline: { en: 'What the company knows, in one place', fr: 'Le savoir de l’entreprise, au même endroit' },
  content: (_person, lang) =>
    listCard(
      pick(lang, { en: 'Recently updated pages', fr: 'Pages modifiées récemment' }),
      pick(lang, {
        en: ['Welcoming a new colleague', 'Booking a meeting room', 'Brand guidelines 2026', 'Workshop safety rules'],
        fr: ['Accueillir une nouvelle collègue', 'Réserver une salle de réunion', 'Charte graphique 2026', 'Consignes de sécurité de l’atelier'],
      }),
      'wiki-pages',
    ),
  alerts: (base) => [
    {
      recipients: { everyone: true },
      title: 'Nouvelle procédure : contrôle qualité des suspensions',
      body: 'La procédure de contrôle qualité des suspensions a changé : une liste de contrôle en 8 points avant l’emballage. Merci de la lire avant votre prochaine série.',
      severity: 'info',
      link: `${base}/`,
      dedupeKey: 'wiki-procedure-controle-qualite-suspensions',
    },
  ],
};
