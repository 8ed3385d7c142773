import { z } from '@hono/zod-openapi';
import { Customer } from '../schemas.js';
import { DUPLICATE_REASONS } from './scoring.js';

/** `GET /v1/customers/{id}/duplicates`. */
export const DuplicateList = z
  .object({
    data: z.array(
      z
        .object({
          customer: Customer,
          score: z.number().int().min(0).max(100).openapi({
            description: 'How likely a duplicate, 0–100; strongest first.',
            example: 85,
          }),
          reasons: z.array(z.enum(DUPLICATE_REASONS)).openapi({
            description: 'What matched, strongest first.',
            example: ['same_phone', 'similar_name'],
          }),
        })
        .openapi('DuplicateCandidate'),
    ),
  })
  .openapi('DuplicateList');
