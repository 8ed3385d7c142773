import { recordAudit } from '../../core/audit/record.js';
import type { Actor } from '../../core/auth/principal.js';
import type { Queryable } from '../../core/db/types.js';
import type { IdGenerator } from '../../core/ids.js';
import { passportCodeFromRandom } from '../../resources/passports/code.js';
import type { Stone } from '../../resources/passports/schemas.js';
import {
  claimCode,
  insertPassport,
  insertTransfer,
  setOwner,
  setStatus,
} from '../../resources/passports/store.js';
import { createRandom } from './random.js';

const DAY_MS = 86_400_000;

interface DemoPassport {
  title: string;
  jewelleryType: string;
  description: string;
  metal: string;
  stones: Stone[];
  /** The first owner; `transferTo` the current one, when it changed hands. */
  owner: string;
  transferTo?: { email: string; note: string; daysAgo: number };
  issuedDaysAgo: number;
  /** Issued to the showcase customer (recorded as `customer_id`). */
  issuedToShowcase?: boolean;
  stolen?: boolean;
}

/**
 * The demo shop's passports: two in the showcase customer's Passports tab (one bought from
 * the shop, one inherited and transferred to her), and one reported stolen from someone who
 * isn't a customer, so the public page's warning can be seen. Codes come from a seeded
 * generator: the same on every machine, so docs and screenshots can use them.
 */
function demoPassports(showcaseEmail: string): DemoPassport[] {
  return [
    {
      title: 'Platinum solitaire engagement ring',
      jewelleryType: 'ring',
      description: 'Six-claw solitaire on a knife-edge band, made in our Sydney workshop.',
      metal: 'platinum',
      stones: [
        {
          kind: 'diamond',
          shape: 'round brilliant',
          count: 1,
          carat: 1.02,
          colour: 'F',
          clarity: 'VS1',
          cut: 'Excellent',
          lab: 'GIA',
          certificate_number: '2141438167',
        },
      ],
      owner: showcaseEmail,
      issuedDaysAgo: 4700,
      issuedToShowcase: true,
    },
    {
      title: 'Art deco sapphire brooch',
      jewelleryType: 'brooch',
      description: 'Restored 1920s brooch, millegrain edges, new pin and safety catch.',
      metal: '18ct white gold',
      stones: [
        { kind: 'sapphire', shape: 'calibré', count: 14, colour: 'royal blue' },
        { kind: 'diamond', shape: 'old European', count: 6, carat: 0.05 },
      ],
      owner: 'margaret.whitfield@example.com.au',
      transferTo: {
        email: showcaseEmail,
        note: 'Inherited; documented at the counter',
        daysAgo: 210,
      },
      issuedDaysAgo: 2900,
    },
    {
      title: 'Diamond tennis bracelet',
      jewelleryType: 'bracelet',
      description: 'Forty-two brilliant-cut diamonds in four-claw settings with a box clasp.',
      metal: '18ct yellow gold',
      stones: [
        {
          kind: 'diamond',
          shape: 'round brilliant',
          count: 42,
          carat: 0.1,
          colour: 'G',
          clarity: 'SI1',
        },
      ],
      owner: 'r.okafor@example.net',
      issuedDaysAgo: 800,
      stolen: true,
    },
  ];
}

/** Issues the demo passports; returns the stolen one's code, for the start-up banner. */
export async function insertDemoPassports(
  tx: Queryable,
  ids: IdGenerator,
  ctx: { tenantId: string; now: Date; showcaseId: string; showcaseEmail: string; actor: Actor },
): Promise<{ stolenCode: string }> {
  const random = createRandom(0x9a55_0a7e);
  let stolenCode = '';
  for (const p of demoPassports(ctx.showcaseEmail)) {
    const bytes = Uint8Array.from({ length: 20 }, () => random.int(0, 255));
    const code = passportCodeFromRandom(bytes);
    const id = ids('passport');
    await claimCode(tx, code, ctx.tenantId, id);
    const issuedAt = new Date(ctx.now.getTime() - p.issuedDaysAgo * DAY_MS);
    await insertPassport(tx, {
      tenantId: ctx.tenantId,
      id,
      code,
      title: p.title,
      jewelleryType: p.jewelleryType,
      description: p.description,
      metal: p.metal,
      stones: p.stones,
      images: [],
      ownerEmail: p.owner,
      customerId: p.issuedToShowcase ? ctx.showcaseId : null,
      saleId: null,
      at: issuedAt,
    });
    await recordAudit(tx, ids, {
      tenantId: ctx.tenantId,
      actor: ctx.actor,
      action: 'passport.issued',
      entityType: 'passport',
      entityId: id,
      changes: [{ field: 'status', before: null, after: 'active' }],
      at: issuedAt,
    });
    if (p.transferTo) {
      const at = new Date(ctx.now.getTime() - p.transferTo.daysAgo * DAY_MS);
      await setOwner(tx, ctx.tenantId, id, p.transferTo.email, at, true);
      await insertTransfer(tx, {
        tenantId: ctx.tenantId,
        id: ids('passportTransfer'),
        passportId: id,
        from: p.owner,
        to: p.transferTo.email,
        note: p.transferTo.note,
        actor: ctx.actor,
        at,
      });
    }
    if (p.stolen) {
      await setStatus(
        tx,
        ctx.tenantId,
        id,
        'reported_stolen',
        new Date(ctx.now.getTime() - 30 * DAY_MS),
      );
      stolenCode = code;
    }
  }
  return { stolenCode };
}
