-- Rights of the application's database account. @DB@ and @USER@ (e.g. 'expertpool'@'127.0.0.1')
-- are replaced by the installer. No DDL, and the audit log is append-only. DELETE on files and
-- applications only serves the closing of an account (lib/account/personal.c): a draft never
-- submitted and its uploads are erased then.
GRANT SELECT ON @DB@.schema_version TO @USER@;
GRANT SELECT, INSERT, UPDATE, DELETE ON @DB@.users TO @USER@;
GRANT SELECT, INSERT, UPDATE, DELETE ON @DB@.sessions TO @USER@;
GRANT SELECT, INSERT, UPDATE, DELETE ON @DB@.captchas TO @USER@;
GRANT SELECT, INSERT, UPDATE, DELETE ON @DB@.sms_codes TO @USER@;
GRANT SELECT, INSERT, UPDATE, DELETE ON @DB@.sms_outbox TO @USER@;
GRANT SELECT, INSERT, UPDATE, DELETE ON @DB@.rate_limits TO @USER@;
GRANT SELECT, INSERT, UPDATE, DELETE ON @DB@.lockouts TO @USER@;
GRANT SELECT, INSERT ON @DB@.audit_log TO @USER@;
GRANT SELECT, INSERT, UPDATE ON @DB@.taxonomy TO @USER@;
GRANT SELECT, INSERT, DELETE ON @DB@.files TO @USER@;
GRANT SELECT, INSERT, UPDATE, DELETE ON @DB@.upload_sessions TO @USER@;
GRANT SELECT, INSERT, UPDATE, DELETE ON @DB@.upload_chunks TO @USER@;
GRANT SELECT, INSERT, DELETE ON @DB@.search_texts TO @USER@;
GRANT SELECT, INSERT, DELETE ON @DB@.search_grams TO @USER@;
GRANT SELECT, INSERT, UPDATE, DELETE ON @DB@.applications TO @USER@;
GRANT SELECT, INSERT ON @DB@.application_versions TO @USER@;
GRANT SELECT, INSERT ON @DB@.application_events TO @USER@;
GRANT SELECT, INSERT, UPDATE, DELETE ON @DB@.application_taxonomy TO @USER@;
GRANT SELECT, INSERT, UPDATE ON @DB@.counters TO @USER@;
GRANT SELECT, INSERT, UPDATE ON @DB@.experts TO @USER@;
GRANT SELECT, INSERT, UPDATE, DELETE ON @DB@.expert_taxonomy TO @USER@;
GRANT SELECT, INSERT ON @DB@.expert_events TO @USER@;
GRANT SELECT, INSERT, UPDATE ON @DB@.certificates TO @USER@;
GRANT SELECT, INSERT, UPDATE ON @DB@.change_requests TO @USER@;
GRANT SELECT, INSERT ON @DB@.change_request_files TO @USER@;
-- the lists' counters: written by the triggers (as their definer); the rows here serve
-- `expertpool-admin recount`, which adds what a counter lacks (INSERT … ON DUPLICATE KEY UPDATE)
GRANT SELECT, INSERT, UPDATE ON @DB@.expert_counts TO @USER@;
GRANT SELECT, INSERT, UPDATE ON @DB@.expert_birth_counts TO @USER@;
GRANT SELECT, INSERT, UPDATE ON @DB@.application_counts TO @USER@;
GRANT SELECT, INSERT, UPDATE ON @DB@.audit_counts TO @USER@;
GRANT SELECT, INSERT, UPDATE ON @DB@.audit_action_counts TO @USER@;
GRANT SELECT, INSERT, UPDATE ON @DB@.expert_text_counts TO @USER@;
GRANT SELECT, INSERT, UPDATE ON @DB@.application_text_counts TO @USER@;
GRANT SELECT, INSERT, UPDATE ON @DB@.units TO @USER@;
GRANT SELECT, INSERT, UPDATE, DELETE ON @DB@.unit_names TO @USER@;
