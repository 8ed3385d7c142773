-- Deliveries by event (decision 0037's retention sweep): deleting an event no delivery refers
-- to checks `webhook_deliveries` for it, and so does the foreign key on every event delete.
-- Without this index each check scans every delivery, so an hourly sweep over a month of
-- events grows with events × deliveries.
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (tenant_id, event_id);
