-- Outbound e-mails go out under a brand's sender identity: only members with
-- that brand see them.
SELECT make_brand_scoped('outbound_emails');
