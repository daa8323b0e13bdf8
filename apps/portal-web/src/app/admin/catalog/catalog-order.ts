import type { CatalogOrder, CatalogOverview } from '@passerelle/contracts';

/** Where an app sits: a section id, or null for "No section". */
export type ContainerId = string | null;

/** The console's working copy of the order: sections in order with their app ids, then the apps in no section. */
export interface OrderModel {
  readonly sections: readonly { readonly id: string; readonly appIds: readonly string[] }[];
  readonly unsectioned: readonly string[];
}

/** Where an app landed after a move, for the announcement and for putting focus back. */
export interface AppPlace {
  container: ContainerId;
  /** 0-based position inside its container. */
  index: number;
}

const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;

/** The overview from the server → the order model (apps of an unknown section count as unsectioned). */
export function orderFrom(overview: CatalogOverview): OrderModel {
  const sections = [...overview.sections].sort(byPosition);
  const known = new Set(sections.map((section) => section.id));
  const apps = [...overview.apps].sort(byPosition);
  return {
    sections: sections.map((section) => ({ id: section.id, appIds: apps.filter((app) => app.sectionId === section.id).map((app) => app.id) })),
    unsectioned: apps.filter((app) => app.sectionId === null || !known.has(app.sectionId)).map((app) => app.id),
  };
}

/** The body of PUT CatalogAdminRoutes.order. */
export function toCatalogOrder(model: OrderModel): CatalogOrder {
  return {
    sections: model.sections.map((section) => ({ id: section.id, appIds: [...section.appIds] })),
    unsectioned: [...model.unsectioned],
  };
}

/** The containers in display order: every section, then "No section". */
export function containers(model: OrderModel): ContainerId[] {
  return [...model.sections.map((section) => section.id), null];
}

export function appsIn(model: OrderModel, container: ContainerId): readonly string[] {
  return container === null ? model.unsectioned : (model.sections.find((section) => section.id === container)?.appIds ?? []);
}

export function placeOf(model: OrderModel, appId: string): AppPlace | null {
  for (const container of containers(model)) {
    const index = appsIn(model, container).indexOf(appId);
    if (index >= 0) {
      return { container, index };
    }
  }
  return null;
}

function withApps(model: OrderModel, container: ContainerId, appIds: readonly string[]): OrderModel {
  if (container === null) {
    return { ...model, unsectioned: appIds };
  }
  return { ...model, sections: model.sections.map((section) => (section.id === container ? { ...section, appIds } : section)) };
}

/** Moves an app to `index` (clamped) of `container`, which may be another section. Unknown app or container: unchanged. */
export function moveApp(model: OrderModel, appId: string, container: ContainerId, index: number): OrderModel {
  const from = placeOf(model, appId);
  if (!from || (container !== null && !model.sections.some((section) => section.id === container))) {
    return model;
  }
  const removed = withApps(model, from.container, appsIn(model, from.container).filter((id) => id !== appId));
  const target = [...appsIn(removed, container)];
  target.splice(Math.max(0, Math.min(index, target.length)), 0, appId);
  return withApps(removed, container, target);
}

/**
 * One step up (-1) or down (+1), for the keyboard: inside its container, and past its first or last
 * place into the end of the previous container or the start of the next one. Null when it can't move.
 */
export function stepApp(model: OrderModel, appId: string, delta: -1 | 1): { model: OrderModel; place: AppPlace } | null {
  const from = placeOf(model, appId);
  if (!from) {
    return null;
  }
  const size = appsIn(model, from.container).length;
  const inside = from.index + delta;
  if (inside >= 0 && inside < size) {
    return { model: moveApp(model, appId, from.container, inside), place: { container: from.container, index: inside } };
  }
  const all = containers(model);
  const next = all[all.indexOf(from.container) + delta];
  if (next === undefined) {
    return null;
  }
  const index = delta < 0 ? appsIn(model, next).length : 0;
  return { model: moveApp(model, appId, next, index), place: { container: next, index } };
}

/** Moves a section to `index` (clamped) among the sections. */
export function moveSection(model: OrderModel, sectionId: string, index: number): OrderModel {
  const from = model.sections.findIndex((section) => section.id === sectionId);
  if (from < 0) {
    return model;
  }
  const sections = [...model.sections];
  const [moved] = sections.splice(from, 1);
  sections.splice(Math.max(0, Math.min(index, sections.length)), 0, moved);
  return { ...model, sections };
}

/** One step up or down among the sections; null when already first or last. */
export function stepSection(model: OrderModel, sectionId: string, delta: -1 | 1): { model: OrderModel; index: number } | null {
  const from = model.sections.findIndex((section) => section.id === sectionId);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= model.sections.length) {
    return null;
  }
  return { model: moveSection(model, sectionId, to), index: to };
}
