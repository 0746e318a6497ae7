--liquibase formatted sql
-- The demo's platform admin (context demo only, like 008 and 010): in development the demo shows every role.

--changeset spark:015-demo-admin context:demo
--comment: demo-admin (password learn-with-spark, the demo's one hash) with the ADMIN role; not a member of the school, as a platform admin is not
INSERT INTO users (id, username, password_hash, created_at, updated_at)
VALUES ('5c400002-0000-4000-8000-000000000004', 'demo-admin',
        '$argon2id$v=19$m=65536,t=3,p=4$s5Mnj+xhZ14DhItwnYBfaQ$hVDVcfGX/bJbAhKVOnJeTHIYKzc71hK0WuKif9U0YSI',
        now() - interval '40 days', now() - interval '40 days');
INSERT INTO user_roles (user_id, role) VALUES ('5c400002-0000-4000-8000-000000000004', 'ADMIN');
INSERT INTO profiles (id, user_id, display_name, locale, time_zone, created_at, updated_at)
VALUES ('5c400003-0000-4000-8000-000000000004', '5c400002-0000-4000-8000-000000000004', 'Spark Administrator', 'en',
        'Africa/Nairobi', now() - interval '40 days', now() - interval '40 days');
