import type { ComplexAttributeConverter } from 'lit';
import type { LinkTemplates } from '../../context.js';

/**
 * Reads the provider's `links` attribute, a JSON object of templates by kind. A value that
 * isn't one is ignored with a console warning: throwing from an attribute change would break
 * the provider and every element inside it over a typo.
 */
export const linksConverter: ComplexAttributeConverter<LinkTemplates | undefined> = {
  fromAttribute(value) {
    if (value === null) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      // Reported below with the value, like any other unusable one.
    }
    if (isLinkTemplates(parsed)) return parsed;
    console.warn(
      `<loupe-provider>: ignoring links='${value}': expected a JSON object of templates, e.g. {"sale": "/sales/{id}"}.`,
    );
    return undefined;
  },
};

function isLinkTemplates(value: unknown): value is LinkTemplates {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((template) => typeof template === 'string')
  );
}
