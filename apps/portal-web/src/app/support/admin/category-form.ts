import { type CategoryField, type CategoryFieldType, SUPPORT_LIMITS, type SaveCategoryRequest, type SupportCategory, type TicketUrgency } from '@passerelle/contracts';

/** A field being edited: options as one line each. */
export interface FieldDraft {
  uid: number;
  key: string;
  label: string;
  type: CategoryFieldType;
  required: boolean;
  options: string;
  help: string;
}

export interface CategoryDraft {
  name: string;
  description: string;
  defaultUrgency: TicketUrgency;
  archived: boolean;
  fields: FieldDraft[];
}

let nextUid = 0;

export function fieldDraft(field?: CategoryField): FieldDraft {
  return {
    uid: nextUid++,
    key: field?.key ?? '',
    label: field?.label ?? '',
    type: field?.type ?? 'text',
    required: field?.required ?? false,
    options: (field?.options ?? []).join('\n'),
    help: field?.help ?? '',
  };
}

export function categoryDraft(category?: SupportCategory): CategoryDraft {
  return {
    name: category?.name ?? '',
    description: category?.description ?? '',
    defaultUrgency: category?.defaultUrgency ?? 'normal',
    archived: category?.archived ?? false,
    fields: (category?.fields ?? []).map(fieldDraft),
  };
}

/** "Which app?" → "which_app": a key suggestion from a label. */
export function keyFromLabel(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
}

export const FIELD_KEY_PATTERN = /^[a-z0-9_]{1,40}$/;

/** Problems the server would refuse, by form path (`name`, `fields.0.key`…), as message keys. */
export function categoryProblems(draft: CategoryDraft): Record<string, 'required' | 'key' | 'keyTaken' | 'options'> {
  const problems: Record<string, 'required' | 'key' | 'keyTaken' | 'options'> = {};
  if (!draft.name.trim()) {
    problems['name'] = 'required';
  }
  const keys = new Set<string>();
  draft.fields.forEach((field, index) => {
    const key = field.key.trim() || keyFromLabel(field.label);
    if (!field.label.trim()) {
      problems[`fields.${index}.label`] = 'required';
    }
    if (!FIELD_KEY_PATTERN.test(key)) {
      problems[`fields.${index}.key`] = 'key';
    } else if (keys.has(key)) {
      problems[`fields.${index}.key`] = 'keyTaken';
    }
    keys.add(key);
    if (field.type === 'select' && !optionsOf(field).length) {
      problems[`fields.${index}.options`] = 'options';
    }
  });
  return problems;
}

function optionsOf(field: FieldDraft): string[] {
  return [...new Set(field.options.split('\n').map((line) => line.trim()).filter(Boolean))].slice(0, SUPPORT_LIMITS.fieldOptionsMax);
}

export function categoryRequest(draft: CategoryDraft, position?: number): SaveCategoryRequest {
  const request: SaveCategoryRequest = {
    name: draft.name.trim(),
    description: draft.description.trim(),
    defaultUrgency: draft.defaultUrgency,
    archived: draft.archived,
    fields: draft.fields.map((field) => {
      const saved: CategoryField = {
        key: field.key.trim() || keyFromLabel(field.label),
        label: field.label.trim(),
        type: field.type,
        required: field.required,
      };
      if (field.type === 'select') {
        saved.options = optionsOf(field);
      }
      if (field.help.trim()) {
        saved.help = field.help.trim();
      }
      return saved;
    }),
  };
  if (position !== undefined) {
    request.position = position;
  }
  return request;
}

/** The same category as a save request (for a move that only changes its position). */
export function requestOf(category: SupportCategory, position: number): SaveCategoryRequest {
  return { name: category.name, description: category.description, defaultUrgency: category.defaultUrgency, archived: category.archived, fields: category.fields, position };
}
