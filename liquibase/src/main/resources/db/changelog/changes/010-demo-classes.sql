--liquibase formatted sql
-- Demo data for issue 5's features, on top of 008 (context demo only, like 008).

--changeset spark:010-demo-assignments-and-guardian context:demo
--comment: Fractions assigned to the maths class and Clean Water to the science class, due in two and four weeks; demo-guardian (Fatuma Otieno) linked to her child demo-student-01 (Amani Otieno); the class summary refreshed so the teacher dashboard has figures at once
INSERT INTO class_courses (class_id, course_id, assigned_at, assigned_by, due_at) VALUES
    ('5c400001-0000-4000-8000-000000000001', '5c400010-0000-4000-8000-000000000001', now() - interval '21 days',
     '5c400002-0000-4000-8000-000000000001', date_trunc('day', now()) + interval '14 days'),
    ('5c400001-0000-4000-8000-000000000002', '5c400010-0000-4000-8000-000000000002', now() - interval '21 days',
     '5c400002-0000-4000-8000-000000000001', date_trunc('day', now()) + interval '28 days');
INSERT INTO guardian_links (guardian_id, student_id, linked_at, linked_by) VALUES
    ('5c400002-0000-4000-8000-000000000003', '5c400002-0000-4000-8000-000000000101', now() - interval '30 days',
     '5c400002-0000-4000-8000-000000000002');
REFRESH MATERIALIZED VIEW class_performance_summary;
