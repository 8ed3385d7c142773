/**
 * Checks a passport's public code the way the server does, without a request: what people
 * type (lower case, spaces or dashes, O for 0, I or L for 1) made canonical, and the check
 * symbol that tells a typo from an unknown code. Also `@loupe/sdk/passport-code`, a few
 * hundred bytes for pages that only check codes (the verifier widget).
 *
 * @example
 * ```ts
 * import { parsePassportCode } from '@loupe/sdk/passport-code';
 * const parsed = parsePassportCode('k7m 2qx 9hd f4w rt8 cpn 3bt');
 * if (!parsed.ok) showHint(parsed.problem); // 'check_failed': a typo, no request needed
 * ```
 */
export {
  formatPassportCode,
  normalisePassportCode,
  PASSPORT_CODE_LENGTH,
  type ParsedPassportCode,
  type PassportCodeProblem,
  parsePassportCode,
} from './generated/passport-code.gen.js';
