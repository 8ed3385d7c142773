import type { LinkedRecordRule } from '../linked/rules.js';

/**
 * Wishlists: a merge moves the source's items to the survivor (the same person wished for
 * them); erasure deletes them — what someone longs for is about them, and no books need it.
 * The audit entries that named the items are erased with the customer's other history.
 */
export const wishlistItems: LinkedRecordRule = {
  table: 'wishlist_items',
  column: 'customer_id',
  kind: 'wishlist',
  merge: { action: 'repoint' },
  erase: { action: 'delete' },
};
