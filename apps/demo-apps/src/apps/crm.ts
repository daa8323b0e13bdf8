import type { DemoAppDefinition } from '../core/definition';
import { listCard, pick } from './content';

export const crm: DemoAppDefinition = {
  key: 'crm',
  name: 'CRM',
  colour: '#7a3e9d',
  tagline: { en: 'Customers, quotes and follow-ups', fr: 'Clients, offres et relances' },
  content: (_person, lang) =>
    listCard(
      pick(lang, { en: 'Customers to call back this week', fr: 'Clients à relancer cette semaine' }),
      pick(lang, {
        en: ['Hôtel du Lac, Montreux — quote for 40 pendant lamps', 'Boulangerie Favre, Lausanne — shop window lighting', 'Musée des Arts, Neuchâtel — exhibition hall'],
        fr: ['Hôtel du Lac, Montreux — offre pour 40 suspensions', 'Boulangerie Favre, Lausanne — éclairage de vitrine', 'Musée des Arts, Neuchâtel — salle d’exposition'],
      }),
      'crm-customers',
    ),
  alerts: (base) => [
    {
      recipients: { groups: ['Direction'] },
      title: 'Offre Hôtel du Lac : validation attendue',
      body: 'L’offre pour **40 suspensions** (CHF 38 400) attend votre validation avant vendredi.\nClient : Hôtel du Lac, Montreux.',
      severity: 'warning',
      link: `${base}/`,
      actions: [{ label: 'Valider', url: `${base}/` }],
      dedupeKey: 'crm-offre-hotel-du-lac-validation',
    },
  ],
};
