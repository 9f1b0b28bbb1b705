/**
 * Step forms: what a step records, checked the same way in the browser (before
 * sending) and in the engine (before advancing), so the two never disagree.
 */
import type { FormField, Localized } from './document.ts';
import type { FieldError } from './contract.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A register entry's id as the API hands it out. */
const REGISTER_ID = /^[A-Za-z0-9_-]{1,80}$/;

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function fieldError(field: FormField, id: string, en: string): FieldError {
  const label: Localized = field.label;
  return { field: field.name, message: { id: `${label.id}: ${id}`, en: `${label.en ?? label.id}: ${en}` } };
}

/** Checks one value against its field definition; `undefined` when it fits. */
export function checkFieldValue(field: FormField, value: unknown): FieldError | undefined {
  if (!present(value)) return undefined;
  switch (field.type) {
    case 'text':
      return typeof value === 'string' ? undefined : fieldError(field, 'harus berupa teks', 'must be text');
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fieldError(field, 'harus berupa angka', 'must be a number');
      if (field.min !== undefined && value < field.min) return fieldError(field, `paling kecil ${field.min}`, `at least ${field.min}`);
      if (field.max !== undefined && value > field.max) return fieldError(field, `paling besar ${field.max}`, `at most ${field.max}`);
      return undefined;
    }
    case 'date':
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : fieldError(field, 'harus tanggal (TTTT-BB-HH)', 'must be a date (YYYY-MM-DD)');
    case 'choice': {
      const options = field.options ?? [];
      const values = Array.isArray(value) ? value : [value];
      return values.every((v) => typeof v === 'string' && (options.length === 0 || options.includes(v)))
        ? undefined
        : fieldError(field, `pilih salah satu: ${options.join(', ')}`, `choose one of: ${options.join(', ')}`);
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : fieldError(field, 'harus ya/tidak', 'must be yes/no');
    case 'register':
      return typeof value === 'string' && REGISTER_ID.test(value)
        ? undefined
        : fieldError(field, 'pilih dari daftar', 'choose from the register');
  }
}

/**
 * Validates form data sent with a step's event. Values are type-checked;
 * with `requireAll`, every required field must be filled either now or by an
 * earlier event of the same step (`recorded`).
 */
export function validateForm(
  fields: readonly FormField[],
  data: Record<string, unknown> | undefined,
  recorded: Record<string, unknown> | undefined,
  options: { requireAll: boolean },
): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of fields) {
    const sent = data && Object.hasOwn(data, field.name) ? data[field.name] : undefined;
    const error = checkFieldValue(field, sent);
    if (error) errors.push(error);
    else if (options.requireAll && field.required && !present(sent) && !present(recorded?.[field.name]))
      errors.push(fieldError(field, 'wajib diisi', 'is required'));
  }
  return errors;
}
