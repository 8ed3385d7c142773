import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineStageMachine, listStages } from '../src/core/stage-machine.js';
import { BESPOKE_MACHINE } from '../src/resources/bespoke-jobs/kind.js';
import { REPAIR_MACHINE } from '../src/resources/repairs/kind.js';

describe('stage machine', () => {
  it('lets a repair move one step forward, cancel while open, and go back from ready to the bench', () => {
    assert.deepEqual(REPAIR_MACHINE.check('intake', 'in_workshop'), { ok: true, same: false });
    assert.deepEqual(REPAIR_MACHINE.check('ready', 'in_workshop'), { ok: true, same: false });
    for (const open of ['intake', 'in_workshop', 'ready'] as const) {
      assert.equal(REPAIR_MACHINE.check(open, 'cancelled').ok, true, `${open} → cancelled`);
    }
  });

  it('refuses collected before ready and names the moves that are allowed, in flow order', () => {
    assert.deepEqual(REPAIR_MACHINE.check('intake', 'collected'), {
      ok: false,
      from: 'intake',
      to: 'collected',
      allowed: ['in_workshop', 'cancelled'],
    });
    assert.deepEqual(REPAIR_MACHINE.allowedFrom('ready'), [
      'in_workshop',
      'collected',
      'cancelled',
    ]);
  });

  it('lets nothing out of collected or cancelled', () => {
    for (const end of ['collected', 'cancelled'] as const) {
      assert.deepEqual(REPAIR_MACHINE.allowedFrom(end), []);
      for (const to of REPAIR_MACHINE.stages) {
        if (to === end) continue;
        assert.equal(REPAIR_MACHINE.check(end, to).ok, false, `${end} → ${to}`);
      }
      assert.equal(REPAIR_MACHINE.isOpen(end), false);
    }
    assert.deepEqual([...REPAIR_MACHINE.final], ['collected', 'cancelled']);
  });

  it('treats staying in a stage as no move, even a final one', () => {
    assert.deepEqual(REPAIR_MACHINE.check('collected', 'collected'), { ok: true, same: true });
  });

  it('lets an approved design go back to design, but not a job in production', () => {
    assert.equal(BESPOKE_MACHINE.check('approved', 'design').ok, true);
    assert.equal(BESPOKE_MACHINE.check('ready', 'in_production').ok, true);
    assert.equal(BESPOKE_MACHINE.check('in_production', 'design').ok, false);
    assert.equal(BESPOKE_MACHINE.check('enquiry', 'approved').ok, false, 'no skipping design');
    assert.equal(BESPOKE_MACHINE.initial, 'enquiry');
    assert.deepEqual(BESPOKE_MACHINE.working, ['enquiry', 'design', 'approved', 'in_production']);
  });

  it('refuses a machine that names an unknown stage or a working stage that is final', () => {
    assert.throws(() =>
      defineStageMachine({ stages: ['a', 'b'], moves: { a: ['c' as 'b'], b: [] }, working: [] }),
    );
    assert.throws(() =>
      defineStageMachine({ stages: ['a', 'b'], moves: { a: ['b'], b: [] }, working: ['b'] }),
    );
  });

  it('lists stages for a sentence', () => {
    assert.equal(listStages(['in_workshop', 'cancelled']), '`in_workshop` or `cancelled`');
    assert.equal(listStages(['a', 'b', 'c']), '`a`, `b` or `c`');
    assert.equal(listStages(['a']), '`a`');
  });
});
