import { z } from '@hono/zod-openapi';
import { TAG_RULES } from './rules.js';

export const TagSuggestion = z
  .object({
    tag: z.string().openapi({ example: 'Bridal' }),
    rule: z.enum(TAG_RULES).openapi({
      description:
        'Which rule suggested it: `bridal` (an engagement ring, wedding band or bridal piece kept), `gemstone` (a piece naming sapphires, pearls, emeralds, rubies or opals; diamonds from two pieces), `watch_collector` (two watches), `anniversary` (an anniversary on file), `gift_buyer` (bought in the month before the partner’s birthday), `vip` (segment `champions` or the top monetary score, not yet a VIP), `win_back` (health `churning`).',
    }),
    reason: z.string().openapi({
      description:
        'Why, in words staff can read out: "Bridal — bought an engagement ring in March 2026".',
      example: 'bought an engagement ring in March 2026',
    }),
    sale_id: z.string().nullable().openapi({
      description: 'The sale the reason points at, when there is one.',
      example: 'sal_01jd8x3k2m0000000000000000',
    }),
  })
  .openapi('TagSuggestion');

export const TagSuggestions = z
  .object({
    customer_id: z.string().openapi({
      description: 'Whose suggestions: the survivor when a merged customer’s id was asked.',
    }),
    data: z.array(TagSuggestion).openapi({
      description: 'In the rules’ order; never a tag the customer already has (in any case).',
    }),
  })
  .openapi('TagSuggestions');
