import type { Brand } from '../../emails';
import type { BrandOverride } from '../notifications';

/** A field of a customer's brand that was left out, and why. */
export interface IgnoredBrandField {
  field: keyof BrandOverride;
  value: string;
  reason: string;
}

const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
// The same limit as BRAND_NAME: one line that fits the header.
const MAX_NAME = 80;

const isHttpsUrl = (value: string): boolean => {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
};

function problemWith(field: keyof BrandOverride, value: string): string | null {
  switch (field) {
    case 'color':
      return HEX_COLOUR.test(value) ? null : 'not a hex colour such as #2563eb';
    case 'logoUrl':
      return isHttpsUrl(value) ? null : 'not an https URL (mail clients block plain http images)';
    case 'name':
      return value.trim() && value.length <= MAX_NAME && !/[\u0000-\u001f]/.test(value) ? null : `not one line of 1 to ${MAX_NAME} characters`;
    case 'footer':
      return value.trim() ? null : 'empty';
  }
}

/**
 * A customer's brand over the house brand, field by field. The override is
 * app data (Brand rows), not checked when it was written, so a field that
 * would break the email (a colour that is not one, a logo over plain http)
 * is left out and reported instead: the email goes out with the house value.
 */
export function mergeBrand(house: Brand, override: BrandOverride | null | undefined): { brand: Brand; ignored: IgnoredBrandField[] } {
  const brand: Brand = { ...house };
  const ignored: IgnoredBrandField[] = [];
  for (const field of ['name', 'color', 'logoUrl', 'footer'] as const) {
    const value = override?.[field];
    if (value === undefined || value === null) continue;
    const reason = typeof value === 'string' ? problemWith(field, value) : 'not text';
    if (reason) ignored.push({ field, value: String(value), reason });
    else brand[field] = value;
  }
  return { brand, ignored };
}
