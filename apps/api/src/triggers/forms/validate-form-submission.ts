import type { FormField } from '../trigger-config';
import { compileFieldPattern } from './compile-field-pattern';

/** The default bound on a text value when the field sets none, so no submission is unbounded. */
const DEFAULT_MAX_LENGTH = 10_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface FormValidation {
  /** Typed values by field name (numbers as numbers, checkboxes as booleans, empty optionals as null). */
  values: Record<string, unknown>;
  /** Messages by field name; empty when the submission is valid. */
  errors: Record<string, string>;
  /** What the user typed, to refill the form when it is shown again. */
  submitted: Record<string, string>;
}

/** Checks a submission against the form's fields; every message names the field by its label. */
export function validateFormSubmission(fields: FormField[], body: Record<string, unknown>): FormValidation {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  const submitted: Record<string, string> = {};
  for (const field of fields) {
    const raw = body[field.name];
    const text = (
      Array.isArray(raw) ? String(raw[0] ?? '') : raw === undefined || raw === null ? '' : String(raw)
    ).trim();
    submitted[field.name] = text;
    if (field.type === 'checkbox') {
      const checked = text !== '' && text !== 'false' && text !== 'off';
      if (field.required && !checked) errors[field.name] = `${field.label} must be checked`;
      values[field.name] = checked;
      continue;
    }
    if (!text) {
      if (field.required) errors[field.name] = `${field.label} is required`;
      values[field.name] = null;
      continue;
    }
    const problem = checkValue(field, text);
    if (problem) errors[field.name] = `${field.label} ${problem}`;
    values[field.name] = field.type === 'number' ? Number(text) : text;
  }
  return { values, errors, submitted };
}

function checkValue(field: FormField, text: string): string | null {
  const maxLength = field.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) return `must be at most ${maxLength} characters`;
  if (field.minLength !== undefined && text.length < field.minLength)
    return `must be at least ${field.minLength} characters`;
  switch (field.type) {
    case 'email':
      if (!EMAIL.test(text)) return 'must be an email address, like name@example.com';
      break;
    case 'number': {
      const n = Number(text);
      if (!Number.isFinite(n)) return 'must be a number';
      if (field.min !== undefined && n < field.min) return `must be at least ${field.min}`;
      if (field.max !== undefined && n > field.max) return `must be at most ${field.max}`;
      break;
    }
    case 'url':
      if (!isHttpUrl(text)) return 'must be a web address starting with http:// or https://';
      break;
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)))
        return 'must be a date (YYYY-MM-DD)';
      break;
    case 'select':
      if (!(field.options ?? []).includes(text)) return 'must be one of the listed choices';
      break;
  }
  if (field.pattern !== undefined && !compileFieldPattern(field.pattern).matches(text))
    return 'is not in the expected format';
  return null;
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
