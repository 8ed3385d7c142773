import type { ComplexAttributeConverter } from 'lit';
import type { LinkTemplates } from '../../context.js';

/**
 * The provider's `links`: a JSON object of templates by kind, whether it arrives as an
 * attribute, as a property holding the JSON string (how some frameworks pass attributes), or
 * as an object. A value that isn't one is ignored with a console warning: throwing would break
 * the provider and every element inside it over a typo.
 */
export function parseLinks(value: unknown): LinkTemplates | undefined {
  if (value === undefined || value === null) return undefined;
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      // Reported below with the value, like any other unusable one.
    }
  }
  if (isLinkTemplates(parsed)) return parsed;
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  console.warn(
    `<loupe-provider>: ignoring links='${shown}': expected a JSON object of templates, e.g. {"sale": "/sales/{id}"}.`,
  );
  return undefined;
}

/** Reads the `links` attribute; `parseLinks` warns about an unusable one. */
export const linksConverter: ComplexAttributeConverter<LinkTemplates | string | undefined> = {
  fromAttribute: (value) => parseLinks(value),
};

function isLinkTemplates(value: unknown): value is LinkTemplates {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((template) => typeof template === 'string')
  );
}
