--liquibase formatted sql

-- Demo data for development: one school, its people, two courses and three weeks of learning.
-- Every changeset has context:demo, so only a migration run with the demo context loads it.
--
-- Fixed ids, so docs and tests can name them (the first block says what the id is):
--   5c400000-…  the school              5c400010-…  courses (…001 Fractions, …002 Clean Water and Health)
--   5c400001-…  classes (…001, …002)    5c400011-…  units     …CU      (course, unit; counted from 1)
--   5c400002-…  users                   5c400012-…  lessons   …CUL
--   5c400003-…  profiles (same tail)    5c400013-…  activities …CULA
--                                       5c400014-…  questions  …CULAQ
--   e.g. 5c400013-0000-4000-8000-000000001112 is course 1, unit 1, lesson 1, activity 2: the first Fractions quiz.
--   5c400020/21/22-…  submissions, their client ids, progress rows (written by the history changeset)
-- Users: …000000000001 demo-teacher, …002 demo-school-admin, …003 demo-guardian, …101 to …130 demo-student-01 to -30.
-- Positions in the tables count from 0, as the Course entity writes them.
--
-- Texts are JSON exactly as LocalizedTextConverter, ChoiceOptionsConverter and AnswerKeyConverter write them.
-- A long text is split over lines, a language or a paragraph per line: PostgreSQL joins string literals that are
-- separated by a line break.

--changeset spark:008-demo-school-and-people context:demo
--comment: Kijiji Primary School with two Grade 5 classes, a teacher, a school admin, a guardian and thirty students. Every demo account's password is learn-with-spark.
INSERT INTO schools (id, name, time_zone, default_locale, created_at)
VALUES ('5c400000-0000-4000-8000-000000000001', 'Kijiji Primary School', 'Africa/Nairobi', 'en', now() - interval '40 days');

-- join codes use the alphabet SchoolClass draws from (no 0/O, 1/I/L: they are written on a blackboard)
INSERT INTO classes (id, school_id, name, grade, subject, join_code, created_at) VALUES
    ('5c400001-0000-4000-8000-000000000001', '5c400000-0000-4000-8000-000000000001', 'Grade 5 Mathematics', '5', 'mathematics', 'MATH5K', now() - interval '38 days'),
    ('5c400001-0000-4000-8000-000000000002', '5c400000-0000-4000-8000-000000000001', 'Grade 5 Science', '5', 'science', 'SCNC5K', now() - interval '38 days');

-- one statement, so the list of people is written once: users, their roles and their profiles.
-- The password hash is one Argon2id hash of learn-with-spark with PasswordHasher's parameters
-- (m=65536, t=3, p=4), shared by every demo account. Profile ids are the user ids with 5c400003 in front.
-- Everyone belongs to the school, and their days (streaks, the daily XP cap) are counted in Nairobi.
WITH people (id, username, display_name, locale, role) AS (VALUES
    ('5c400002-0000-4000-8000-000000000001', 'demo-teacher', 'Mwalimu Joseph Mwangi', 'en', 'TEACHER'),
    ('5c400002-0000-4000-8000-000000000002', 'demo-school-admin', 'Mary Wambui', 'en', 'SCHOOL_ADMIN'),
    ('5c400002-0000-4000-8000-000000000003', 'demo-guardian', 'Fatuma Otieno', 'sw', 'GUARDIAN'),
    ('5c400002-0000-4000-8000-000000000101', 'demo-student-01', 'Amani Otieno', 'sw', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000102', 'demo-student-02', 'Wanjiru Kamau', 'en', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000103', 'demo-student-03', 'Baraka Mwangi', 'sw', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000104', 'demo-student-04', 'Achieng Odhiambo', 'en', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000105', 'demo-student-05', 'Kipchoge Rotich', 'en', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000106', 'demo-student-06', 'Zawadi Mohamed', 'sw', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000107', 'demo-student-07', 'Juma Hassan', 'sw', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000108', 'demo-student-08', 'Nafula Wekesa', 'en', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000109', 'demo-student-09', 'Kamau Njoroge', 'en', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000110', 'demo-student-10', 'Aisha Abdallah', 'sw', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000111', 'demo-student-11', 'Brian Kiprono', 'en', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000112', 'demo-student-12', 'Faith Chebet', 'en', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000113', 'demo-student-13', 'Daudi Mutua', 'sw', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000114', 'demo-student-14', 'Neema Mwakalinga', 'sw', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000115', 'demo-student-15', 'Samuel Okello', 'en', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000116', 'demo-student-16', 'Halima Said', 'sw', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000117', 'demo-student-17', 'Kevin Omondi', 'en', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000118', 'demo-student-18', 'Mercy Wairimu', 'en', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000119', 'demo-student-19', 'Jabari Kiptoo', 'en', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000120', 'demo-student-20', 'Rehema Nyambura', 'sw', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000121', 'demo-student-21', 'Tumaini Kariuki', 'sw', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000122', 'demo-student-22', 'Imani Wafula', 'sw', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000123', 'demo-student-23', 'Moses Kibet', 'en', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000124', 'demo-student-24', 'Esther Akinyi', 'en', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000125', 'demo-student-25', 'Hamisi Bakari', 'sw', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000126', 'demo-student-26', 'Grace Njeri', 'en', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000127', 'demo-student-27', 'Peter Mutiso', 'en', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000128', 'demo-student-28', 'Mwanaisha Salim', 'sw', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000129', 'demo-student-29', 'Collins Barasa', 'en', 'STUDENT'),
    ('5c400002-0000-4000-8000-000000000130', 'demo-student-30', 'Lilian Atieno', 'en', 'STUDENT')
), new_users AS (
    INSERT INTO users (id, username, password_hash, created_at, updated_at)
    SELECT id::uuid, username, '$argon2id$v=19$m=65536,t=3,p=4$s5Mnj+xhZ14DhItwnYBfaQ$hVDVcfGX/bJbAhKVOnJeTHIYKzc71hK0WuKif9U0YSI',
           now() - interval '30 days', now() - interval '30 days'
    FROM people
), new_roles AS (
    INSERT INTO user_roles (user_id, role) SELECT id::uuid, role FROM people
)
INSERT INTO profiles (id, user_id, display_name, locale, time_zone, school_id, created_at, updated_at)
SELECT ('5c400003' || substr(id, 9))::uuid, id::uuid, display_name, locale, 'Africa/Nairobi',
       '5c400000-0000-4000-8000-000000000001', now() - interval '30 days', now() - interval '30 days'
FROM people;

UPDATE users SET last_login_at = now() - interval '1 day'
WHERE id IN ('5c400002-0000-4000-8000-000000000001', '5c400002-0000-4000-8000-000000000002', '5c400002-0000-4000-8000-000000000003');

INSERT INTO class_teachers (class_id, teacher_id) VALUES
    ('5c400001-0000-4000-8000-000000000001', '5c400002-0000-4000-8000-000000000001'),
    ('5c400001-0000-4000-8000-000000000002', '5c400002-0000-4000-8000-000000000001');

-- students 01-18 learn mathematics and 10-30 science, so 10-18 are in both classes
INSERT INTO class_enrolments (class_id, student_id, enrolled_at)
SELECT '5c400001-0000-4000-8000-000000000001'::uuid, ('5c400002-0000-4000-8000-' || lpad((100 + n)::text, 12, '0'))::uuid, now() - interval '28 days'
FROM generate_series(1, 18) AS n
UNION ALL
SELECT '5c400001-0000-4000-8000-000000000002'::uuid, ('5c400002-0000-4000-8000-' || lpad((100 + n)::text, 12, '0'))::uuid, now() - interval '28 days'
FROM generate_series(10, 30) AS n;

--changeset spark:008-demo-course-fractions context:demo
--comment: a published Grade 5 mathematics course in English and Swahili, written by demo-teacher
INSERT INTO courses (id, subject, default_locale, status, content_version, title, description,
                     created_by, created_at, updated_at, published_at)
VALUES ('5c400010-0000-4000-8000-000000000001', 'mathematics', 'en', 'PUBLISHED', 1,
        '{"en":"Fractions","sw":"Sehemu"}',
        '{"en":"Halves, quarters and more: what a fraction means, equivalent fractions, comparing fractions, adding and subtracting them, and finding a fraction of an amount. For Grade 5.",'
        '"sw":"Nusu, robo na zaidi: maana ya sehemu, sehemu sawa, kulinganisha sehemu, kuzijumlisha na kuzitoa, na kupata sehemu ya kiasi. Kwa Darasa la 5."}',
        '5c400002-0000-4000-8000-000000000001', now() - interval '35 days', now() - interval '30 days', now() - interval '30 days');

INSERT INTO course_units (id, course_id, position, title) VALUES
    ('5c400011-0000-4000-8000-000000000011', '5c400010-0000-4000-8000-000000000001', 0, '{"en":"Understanding fractions","sw":"Kuelewa sehemu"}'),
    ('5c400011-0000-4000-8000-000000000012', '5c400010-0000-4000-8000-000000000001', 1, '{"en":"Working with fractions","sw":"Kufanya kazi na sehemu"}');

-- Unit 1, lesson 1: What is a fraction?
INSERT INTO lessons (id, unit_id, position, title, summary)
VALUES ('5c400012-0000-4000-8000-000000000111', '5c400011-0000-4000-8000-000000000011', 0,
        '{"en":"What is a fraction?","sw":"Sehemu ni nini?"}',
        '{"en":"Equal parts of a whole, the numerator and the denominator.",'
        '"sw":"Vipande vilivyo sawa vya kitu kizima, kiasi na asili."}');
INSERT INTO activities (id, lesson_id, position, type, title, body, media_url) VALUES
    ('5c400013-0000-4000-8000-000000001111', '5c400012-0000-4000-8000-000000000111', 0, 'READING',
     '{"en":"Read: What is a fraction?","sw":"Soma: Sehemu ni nini?"}',
     '{"en":"A fraction is a part of a whole. When we cut something into equal parts, each part is a fraction of the whole thing.\n\n'
     'Mama cuts a chapati into 4 equal pieces. Each piece is one quarter of the chapati. We write one quarter as 1/4.\n\n'
     'A fraction has two numbers. The bottom number is the denominator: it tells how many equal parts the whole is cut into. The top number is the numerator: it tells how many of those parts we are talking about. If you eat 3 of the 4 pieces, you have eaten 3/4 (three quarters) of the chapati.\n\n'
     'Remember: the parts must be equal. If one piece is big and another is small, they are not quarters.",'
     '"sw":"Sehemu ni kipande cha kitu kizima. Tunapokata kitu katika vipande vilivyo sawa, kila kipande ni sehemu ya kitu kizima.\n\n'
     'Mama anakata chapati katika vipande 4 vilivyo sawa. Kila kipande ni robo ya chapati. Tunaandika robo moja kama 1/4.\n\n'
     'Sehemu ina namba mbili. Namba ya chini ni asili: inaonyesha kitu kizima kimegawanywa katika vipande vingapi vilivyo sawa. Namba ya juu ni kiasi: inaonyesha tunazungumzia vipande vingapi kati ya hivyo. Ukila vipande 3 kati ya 4, umekula 3/4 (robo tatu) ya chapati.\n\n'
     'Kumbuka: vipande lazima viwe sawa. Kama kipande kimoja ni kikubwa na kingine ni kidogo, si robo."}',
     NULL),
    ('5c400013-0000-4000-8000-000000001112', '5c400012-0000-4000-8000-000000000111', 1, 'QUIZ',
     '{"en":"Quiz: What is a fraction?","sw":"Jaribio: Sehemu ni nini?"}',
     '{"en":"Answer every question, then send your answers. You can try again to improve your score.",'
     '"sw":"Jibu kila swali, kisha tuma majibu yako. Unaweza kujaribu tena ili kuboresha alama zako."}',
     NULL);
INSERT INTO questions (id, activity_id, position, type, prompt, options, answer_key) VALUES
    ('5c400014-0000-4000-8000-000000011121', '5c400013-0000-4000-8000-000000001112', 0, 'SINGLE_CHOICE',
     '{"en":"A chapati is cut into 4 equal pieces. Amani eats 1 piece. What fraction of the chapati did he eat?",'
     '"sw":"Chapati imekatwa vipande 4 vilivyo sawa. Amani anakula kipande 1. Amekula sehemu gani ya chapati?"}',
     '[{"id":"a","text":{"en":"1/4","sw":"1/4"}},'
     '{"id":"b","text":{"en":"1/3","sw":"1/3"}},'
     '{"id":"c","text":{"en":"4/1","sw":"4/1"}},'
     '{"id":"d","text":{"en":"3/4","sw":"3/4"}}]',
     '{"correctOptions":["a"]}'),
    ('5c400014-0000-4000-8000-000000011122', '5c400013-0000-4000-8000-000000001112', 1, 'TRUE_FALSE',
     '{"en":"In the fraction 3/5, the denominator is 5.","sw":"Katika sehemu 3/5, asili ni 5."}',
     '[]',
     '{"correctBoolean":true}'),
    ('5c400014-0000-4000-8000-000000011123', '5c400013-0000-4000-8000-000000001112', 2, 'SHORT_TEXT',
     '{"en":"What is the Swahili word for one half (1/2)?","sw":"Neno la Kiswahili la 1/2 ni lipi?"}',
     '[]',
     '{"accepted":["nusu"]}'),
    ('5c400014-0000-4000-8000-000000011124', '5c400013-0000-4000-8000-000000001112', 3, 'NUMERIC',
     '{"en":"A loaf of bread is cut into 8 equal slices and 3 slices are eaten. How many eighths of the loaf are left?",'
     '"sw":"Mkate umekatwa vipande 8 vilivyo sawa na vipande 3 vimeliwa. Zimebaki sehemu ngapi za nane za mkate?"}',
     '[]',
     '{"number":5.0,"tolerance":0.0}');

-- Unit 1, lesson 2: Equivalent fractions
INSERT INTO lessons (id, unit_id, position, title, summary)
VALUES ('5c400012-0000-4000-8000-000000000112', '5c400011-0000-4000-8000-000000000011', 1,
        '{"en":"Equivalent fractions","sw":"Sehemu sawa"}',
        '{"en":"Different fractions that show the same amount.","sw":"Sehemu tofauti zinazoonyesha kiasi kilekile."}');
INSERT INTO activities (id, lesson_id, position, type, title, body, media_url) VALUES
    ('5c400013-0000-4000-8000-000000001121', '5c400012-0000-4000-8000-000000000112', 0, 'READING',
     '{"en":"Read: Equivalent fractions","sw":"Soma: Sehemu sawa"}',
     '{"en":"Some fractions look different but show the same amount. They are called equivalent fractions.\n\n'
     'Fold a sheet of paper in half and shade one part: you have shaded 1/2. Now fold it in half again. The paper has 4 equal parts and the shading covers 2 of them: 2/4. The shaded amount did not change, so 1/2 = 2/4.\n\n'
     'To make an equivalent fraction, multiply the numerator and the denominator by the same number: 1/2 = (1 × 3)/(2 × 3) = 3/6. You can also divide both by the same number: 6/8 = 3/4, because 6 ÷ 2 = 3 and 8 ÷ 2 = 4.\n\n'
     'When you cannot divide both numbers by the same number any more, the fraction is in its simplest form.",'
     '"sw":"Sehemu nyingine zinaonekana tofauti lakini zinaonyesha kiasi kilekile. Zinaitwa sehemu sawa.\n\n'
     'Kunja karatasi nusu na upake rangi kipande kimoja: umepaka 1/2. Sasa ikunje nusu tena. Karatasi ina vipande 4 vilivyo sawa na rangi inafunika vipande 2: 2/4. Kiasi kilichopakwa rangi hakijabadilika, kwa hiyo 1/2 = 2/4.\n\n'
     'Kupata sehemu sawa, zidisha kiasi na asili kwa namba ileile: 1/2 = (1 × 3)/(2 × 3) = 3/6. Unaweza pia kugawanya zote mbili kwa namba ileile: 6/8 = 3/4, kwa sababu 6 ÷ 2 = 3 na 8 ÷ 2 = 4.\n\n'
     'Usipoweza tena kugawanya namba zote mbili kwa namba moja, sehemu iko katika hali yake rahisi zaidi."}',
     NULL),
    ('5c400013-0000-4000-8000-000000001122', '5c400012-0000-4000-8000-000000000112', 1, 'QUIZ',
     '{"en":"Quiz: Equivalent fractions","sw":"Jaribio: Sehemu sawa"}',
     '{"en":"Answer every question, then send your answers. You can try again to improve your score.",'
     '"sw":"Jibu kila swali, kisha tuma majibu yako. Unaweza kujaribu tena ili kuboresha alama zako."}',
     NULL);
INSERT INTO questions (id, activity_id, position, type, prompt, options, answer_key) VALUES
    ('5c400014-0000-4000-8000-000000011221', '5c400013-0000-4000-8000-000000001122', 0, 'SINGLE_CHOICE',
     '{"en":"Which fraction is equal to 1/2?","sw":"Sehemu ipi ni sawa na 1/2?"}',
     '[{"id":"a","text":{"en":"2/4","sw":"2/4"}},'
     '{"id":"b","text":{"en":"2/3","sw":"2/3"}},'
     '{"id":"c","text":{"en":"1/4","sw":"1/4"}},'
     '{"id":"d","text":{"en":"3/5","sw":"3/5"}}]',
     '{"correctOptions":["a"]}'),
    ('5c400014-0000-4000-8000-000000011222', '5c400013-0000-4000-8000-000000001122', 1, 'MULTIPLE_CHOICE',
     '{"en":"Choose ALL the fractions that are equal to 1/3.","sw":"Chagua sehemu ZOTE zilizo sawa na 1/3."}',
     '[{"id":"a","text":{"en":"2/6","sw":"2/6"}},'
     '{"id":"b","text":{"en":"3/9","sw":"3/9"}},'
     '{"id":"c","text":{"en":"3/6","sw":"3/6"}},'
     '{"id":"d","text":{"en":"4/12","sw":"4/12"}}]',
     '{"correctOptions":["a","b","d"]}'),
    ('5c400014-0000-4000-8000-000000011223', '5c400013-0000-4000-8000-000000001122', 2, 'NUMERIC',
     '{"en":"Find the missing number: 3/4 = ?/8","sw":"Tafuta namba inayokosekana: 3/4 = ?/8"}',
     '[]',
     '{"number":6.0,"tolerance":0.0}'),
    ('5c400014-0000-4000-8000-000000011224', '5c400013-0000-4000-8000-000000001122', 3, 'TRUE_FALSE',
     '{"en":"2/5 and 4/10 are equivalent fractions.","sw":"2/5 na 4/10 ni sehemu sawa."}',
     '[]',
     '{"correctBoolean":true}');

-- Unit 1, lesson 3: Comparing fractions
INSERT INTO lessons (id, unit_id, position, title, summary)
VALUES ('5c400012-0000-4000-8000-000000000113', '5c400011-0000-4000-8000-000000000011', 2,
        '{"en":"Comparing fractions","sw":"Kulinganisha sehemu"}',
        '{"en":"Which fraction is bigger, and how to tell.","sw":"Sehemu ipi ni kubwa zaidi, na jinsi ya kujua."}');
INSERT INTO activities (id, lesson_id, position, type, title, body, media_url) VALUES
    ('5c400013-0000-4000-8000-000000001131', '5c400012-0000-4000-8000-000000000113', 0, 'READING',
     '{"en":"Read: Comparing fractions","sw":"Soma: Kulinganisha sehemu"}',
     '{"en":"Which is more, 3/8 or 5/8 of a cake? When the denominators are the same, the pieces are the same size, so compare the numerators: 5 pieces are more than 3 pieces, so 5/8 > 3/8.\n\n'
     'When the numerators are the same, look at the denominators. 1/3 of a mango is bigger than 1/5 of the same mango, because cutting it into 5 pieces makes each piece smaller. The bigger the denominator, the smaller each piece.\n\n'
     'When both numbers are different, first change the fractions into equivalent fractions with the same denominator. To compare 1/2 and 3/5, write both as tenths: 1/2 = 5/10 and 3/5 = 6/10. So 3/5 is bigger.\n\n'
     'A quick check: a fraction is more than one half when its numerator is more than half of its denominator. 5/8 is more than 1/2 because 5 is more than 4.",'
     '"sw":"Kipi ni kikubwa zaidi, 3/8 au 5/8 ya keki? Asili zikiwa sawa, vipande vina ukubwa uleule, kwa hiyo linganisha viasi: vipande 5 ni vingi kuliko vipande 3, kwa hiyo 5/8 > 3/8.\n\n'
     'Viasi vikiwa sawa, angalia asili. 1/3 ya embe ni kubwa kuliko 1/5 ya embe hilohilo, kwa sababu kulikata vipande 5 kunafanya kila kipande kiwe kidogo zaidi. Kadiri asili inavyokuwa kubwa, ndivyo kila kipande kinavyokuwa kidogo.\n\n'
     'Namba zote mbili zikiwa tofauti, kwanza badilisha sehemu ziwe sehemu sawa zenye asili moja. Kulinganisha 1/2 na 3/5, ziandike zote kama sehemu za kumi: 1/2 = 5/10 na 3/5 = 6/10. Kwa hiyo 3/5 ni kubwa zaidi.\n\n'
     'Njia ya haraka: sehemu ni kubwa kuliko nusu wakati kiasi chake ni zaidi ya nusu ya asili yake. 5/8 ni kubwa kuliko 1/2 kwa sababu 5 ni zaidi ya 4."}',
     NULL),
    ('5c400013-0000-4000-8000-000000001132', '5c400012-0000-4000-8000-000000000113', 1, 'VIDEO',
     '{"en":"Watch: Comparing fractions with paper strips",'
     '"sw":"Tazama: Kulinganisha sehemu kwa vipande vya karatasi"}',
     '{"en":"Watch how paper strips of the same length show which fraction is bigger. Then make your own strips and try it.",'
     '"sw":"Tazama jinsi vipande vya karatasi vyenye urefu sawa vinavyoonyesha sehemu ipi ni kubwa zaidi. Kisha tengeneza vipande vyako mwenyewe ujaribu."}',
     'https://media.projectspark.org/demo/fractions/comparing-fractions-paper-strips.mp4'),
    ('5c400013-0000-4000-8000-000000001133', '5c400012-0000-4000-8000-000000000113', 2, 'QUIZ',
     '{"en":"Quiz: Comparing fractions","sw":"Jaribio: Kulinganisha sehemu"}',
     '{"en":"Answer every question, then send your answers. You can try again to improve your score.",'
     '"sw":"Jibu kila swali, kisha tuma majibu yako. Unaweza kujaribu tena ili kuboresha alama zako."}',
     NULL);
INSERT INTO questions (id, activity_id, position, type, prompt, options, answer_key) VALUES
    ('5c400014-0000-4000-8000-000000011331', '5c400013-0000-4000-8000-000000001133', 0, 'SINGLE_CHOICE',
     '{"en":"Which is bigger: 1/3 or 1/5?","sw":"Ipi ni kubwa zaidi: 1/3 au 1/5?"}',
     '[{"id":"a","text":{"en":"1/3","sw":"1/3"}},'
     '{"id":"b","text":{"en":"1/5","sw":"1/5"}},'
     '{"id":"c","text":{"en":"They are equal","sw":"Ni sawa"}}]',
     '{"correctOptions":["a"]}'),
    ('5c400014-0000-4000-8000-000000011332', '5c400013-0000-4000-8000-000000001133', 1, 'TRUE_FALSE',
     '{"en":"3/8 is greater than 5/8.","sw":"3/8 ni kubwa kuliko 5/8."}',
     '[]',
     '{"correctBoolean":false}'),
    ('5c400014-0000-4000-8000-000000011333', '5c400013-0000-4000-8000-000000001133', 2, 'MULTIPLE_CHOICE',
     '{"en":"Choose ALL the fractions that are greater than 1/2.",'
     '"sw":"Chagua sehemu ZOTE zilizo kubwa kuliko 1/2."}',
     '[{"id":"a","text":{"en":"3/4","sw":"3/4"}},'
     '{"id":"b","text":{"en":"2/5","sw":"2/5"}},'
     '{"id":"c","text":{"en":"5/8","sw":"5/8"}},'
     '{"id":"d","text":{"en":"1/3","sw":"1/3"}}]',
     '{"correctOptions":["a","c"]}'),
    ('5c400014-0000-4000-8000-000000011334', '5c400013-0000-4000-8000-000000001133', 3, 'SINGLE_CHOICE',
     '{"en":"Wanjiru ate 2/6 of a mango. Otieno ate 1/2 of a mango of the same size. Who ate more?",'
     '"sw":"Wanjiru alikula 2/6 ya embe. Otieno alikula 1/2 ya embe la ukubwa uleule. Nani alikula zaidi?"}',
     '[{"id":"a","text":{"en":"Wanjiru","sw":"Wanjiru"}},'
     '{"id":"b","text":{"en":"Otieno","sw":"Otieno"}},'
     '{"id":"c","text":{"en":"They ate the same amount","sw":"Walikula kiasi sawa"}}]',
     '{"correctOptions":["b"]}');

-- Unit 2, lesson 1: Adding and subtracting fractions
INSERT INTO lessons (id, unit_id, position, title, summary)
VALUES ('5c400012-0000-4000-8000-000000000121', '5c400011-0000-4000-8000-000000000012', 0,
        '{"en":"Adding and subtracting fractions","sw":"Kujumlisha na kutoa sehemu"}',
        '{"en":"Fractions with the same denominator.","sw":"Sehemu zenye asili moja."}');
INSERT INTO activities (id, lesson_id, position, type, title, body, media_url) VALUES
    ('5c400013-0000-4000-8000-000000001211', '5c400012-0000-4000-8000-000000000121', 0, 'READING',
     '{"en":"Read: Adding and subtracting fractions","sw":"Soma: Kujumlisha na kutoa sehemu"}',
     '{"en":"When fractions have the same denominator, adding them is easy: add the numerators and keep the denominator.\n\n'
     '2/7 + 3/7 = 5/7. Think of a loaf cut into 7 equal slices: 2 slices and 3 more slices make 5 slices, and each slice is still one seventh of the loaf.\n\n'
     'Subtracting works the same way: 5/8 - 2/8 = 3/8. Subtract the numerators and keep the denominator.\n\n'
     'Be careful: never add the denominators. 1/4 + 1/4 is 2/4 (which is the same as 1/2), not 2/8.\n\n'
     'When the numerator and the denominator are equal, you have one whole: 3/3 = 1 and 4/4 = 1.",'
     '"sw":"Sehemu zikiwa na asili moja, kuzijumlisha ni rahisi: jumlisha viasi na uache asili ileile.\n\n'
     '2/7 + 3/7 = 5/7. Fikiria mkate uliokatwa vipande 7 vilivyo sawa: vipande 2 na vipande 3 zaidi ni vipande 5, na kila kipande bado ni sehemu ya saba ya mkate.\n\n'
     'Kutoa ni vivyo hivyo: 5/8 - 2/8 = 3/8. Toa viasi na uache asili ileile.\n\n'
     'Kuwa mwangalifu: usijumlishe asili kamwe. 1/4 + 1/4 ni 2/4 (ambayo ni sawa na 1/2), si 2/8.\n\n'
     'Kiasi na asili vikiwa sawa, una kitu kizima kimoja: 3/3 = 1 na 4/4 = 1."}',
     NULL),
    ('5c400013-0000-4000-8000-000000001212', '5c400012-0000-4000-8000-000000000121', 1, 'QUIZ',
     '{"en":"Quiz: Adding and subtracting fractions","sw":"Jaribio: Kujumlisha na kutoa sehemu"}',
     '{"en":"Answer every question, then send your answers. You can try again to improve your score.",'
     '"sw":"Jibu kila swali, kisha tuma majibu yako. Unaweza kujaribu tena ili kuboresha alama zako."}',
     NULL);
INSERT INTO questions (id, activity_id, position, type, prompt, options, answer_key) VALUES
    ('5c400014-0000-4000-8000-000000012121', '5c400013-0000-4000-8000-000000001212', 0, 'NUMERIC',
     '{"en":"2/7 + 3/7 = ?/7. Write the missing numerator.","sw":"2/7 + 3/7 = ?/7. Andika kiasi kinachokosekana."}',
     '[]',
     '{"number":5.0,"tolerance":0.0}'),
    ('5c400014-0000-4000-8000-000000012122', '5c400013-0000-4000-8000-000000001212', 1, 'SINGLE_CHOICE',
     '{"en":"5/8 - 2/8 = ?","sw":"5/8 - 2/8 = ?"}',
     '[{"id":"a","text":{"en":"3/8","sw":"3/8"}},'
     '{"id":"b","text":{"en":"3/0","sw":"3/0"}},'
     '{"id":"c","text":{"en":"7/8","sw":"7/8"}},'
     '{"id":"d","text":{"en":"3/16","sw":"3/16"}}]',
     '{"correctOptions":["a"]}'),
    ('5c400014-0000-4000-8000-000000012123', '5c400013-0000-4000-8000-000000001212', 2, 'TRUE_FALSE',
     '{"en":"1/4 + 1/4 = 2/8","sw":"1/4 + 1/4 = 2/8"}',
     '[]',
     '{"correctBoolean":false}'),
    ('5c400014-0000-4000-8000-000000012124', '5c400013-0000-4000-8000-000000001212', 3, 'NUMERIC',
     '{"en":"Write 1/4 + 2/4 as a decimal number. (Hint: 1/4 = 0.25)",'
     '"sw":"Andika 1/4 + 2/4 kama desimali. (Kidokezo: 1/4 = 0.25)"}',
     '[]',
     '{"number":0.75,"tolerance":0.01}'),
    ('5c400014-0000-4000-8000-000000012125', '5c400013-0000-4000-8000-000000001212', 4, 'SHORT_TEXT',
     '{"en":"Juma had 5/6 of a cake and gave away 2/6. What fraction of the cake does he have left? Write it like 1/6.",'
     '"sw":"Juma alikuwa na 5/6 ya keki akatoa 2/6. Amebakiwa na sehemu gani ya keki? Iandike kama 1/6."}',
     '[]',
     '{"accepted":["3/6","1/2"]}');

-- Unit 2, lesson 2: A fraction of an amount
INSERT INTO lessons (id, unit_id, position, title, summary)
VALUES ('5c400012-0000-4000-8000-000000000122', '5c400011-0000-4000-8000-000000000012', 1,
        '{"en":"A fraction of an amount","sw":"Sehemu ya kiasi"}',
        '{"en":"Finding 1/4 of 20, 2/3 of 60 shillings and more.",'
        '"sw":"Kupata 1/4 ya 20, 2/3 ya shilingi 60 na zaidi."}');
INSERT INTO activities (id, lesson_id, position, type, title, body, media_url) VALUES
    ('5c400013-0000-4000-8000-000000001221', '5c400012-0000-4000-8000-000000000122', 0, 'READING',
     '{"en":"Read: A fraction of an amount","sw":"Soma: Sehemu ya kiasi"}',
     '{"en":"To find a fraction of an amount, divide by the denominator, then multiply by the numerator.\n\n'
     'What is 1/4 of 20 mangoes? Share the 20 mangoes into 4 equal groups: 20 ÷ 4 = 5. One quarter is 5 mangoes.\n\n'
     'What is 3/4 of 20 mangoes? One quarter is 5, so three quarters is 3 × 5 = 15 mangoes.\n\n'
     'Try it with money: Baraka has 60 shillings and spends 2/3 of it on exercise books. 60 ÷ 3 = 20, and 2 × 20 = 40. He spends 40 shillings and has 20 shillings left.",'
     '"sw":"Kupata sehemu ya kiasi fulani, gawanya kwa asili, kisha zidisha kwa kiasi.\n\n'
     '1/4 ya maembe 20 ni mangapi? Gawanya maembe 20 katika makundi 4 yaliyo sawa: 20 ÷ 4 = 5. Robo moja ni maembe 5.\n\n'
     '3/4 ya maembe 20 ni mangapi? Robo moja ni 5, kwa hiyo robo tatu ni 3 × 5 = maembe 15.\n\n'
     'Jaribu na pesa: Baraka ana shilingi 60 na anatumia 2/3 yake kununua madaftari. 60 ÷ 3 = 20, na 2 × 20 = 40. Anatumia shilingi 40 na anabaki na shilingi 20."}',
     NULL),
    ('5c400013-0000-4000-8000-000000001222', '5c400012-0000-4000-8000-000000000122', 1, 'QUIZ',
     '{"en":"Quiz: A fraction of an amount","sw":"Jaribio: Sehemu ya kiasi"}',
     '{"en":"Answer every question, then send your answers. You can try again to improve your score.",'
     '"sw":"Jibu kila swali, kisha tuma majibu yako. Unaweza kujaribu tena ili kuboresha alama zako."}',
     NULL);
INSERT INTO questions (id, activity_id, position, type, prompt, options, answer_key) VALUES
    ('5c400014-0000-4000-8000-000000012221', '5c400013-0000-4000-8000-000000001222', 0, 'NUMERIC',
     '{"en":"What is 1/4 of 20?","sw":"1/4 ya 20 ni ngapi?"}',
     '[]',
     '{"number":5.0,"tolerance":0.0}'),
    ('5c400014-0000-4000-8000-000000012222', '5c400013-0000-4000-8000-000000001222', 1, 'NUMERIC',
     '{"en":"A farmer has 12 cows. 2/3 of them are brown. How many cows are brown?",'
     '"sw":"Mkulima ana ng''ombe 12. 2/3 yao ni wa kahawia. Ng''ombe wangapi ni wa kahawia?"}',
     '[]',
     '{"number":8.0,"tolerance":0.0}'),
    ('5c400014-0000-4000-8000-000000012223', '5c400013-0000-4000-8000-000000001222', 2, 'SINGLE_CHOICE',
     '{"en":"Halima has 30 shillings. She spends 1/2 of it. How much does she spend?",'
     '"sw":"Halima ana shilingi 30. Anatumia 1/2 yake. Anatumia kiasi gani?"}',
     '[{"id":"a","text":{"en":"15 shillings","sw":"Shilingi 15"}},'
     '{"id":"b","text":{"en":"10 shillings","sw":"Shilingi 10"}},'
     '{"id":"c","text":{"en":"60 shillings","sw":"Shilingi 60"}},'
     '{"id":"d","text":{"en":"2 shillings","sw":"Shilingi 2"}}]',
     '{"correctOptions":["a"]}'),
    ('5c400014-0000-4000-8000-000000012224', '5c400013-0000-4000-8000-000000001222', 3, 'TRUE_FALSE',
     '{"en":"3/4 of 8 is 6.","sw":"3/4 ya 8 ni 6."}',
     '[]',
     '{"correctBoolean":true}'),
    ('5c400014-0000-4000-8000-000000012225', '5c400013-0000-4000-8000-000000001222', 4, 'SHORT_TEXT',
     '{"en":"What is the Swahili word for one quarter (1/4)?","sw":"Neno la Kiswahili la 1/4 ni lipi?"}',
     '[]',
     '{"accepted":["robo"]}');

--changeset spark:008-demo-course-clean-water context:demo
--comment: a published Grade 5 science course in English and French, written by demo-teacher
INSERT INTO courses (id, subject, default_locale, status, content_version, title, description,
                     created_by, created_at, updated_at, published_at)
VALUES ('5c400010-0000-4000-8000-000000000002', 'science', 'en', 'PUBLISHED', 1,
        '{"en":"Clean Water and Health","fr":"L''eau potable et la santé"}',
        '{"en":"Why our bodies need water, how germs in dirty water make people ill, and simple ways to make water safe and keep it clean at home and at school. For Grade 5.",'
        '"fr":"Pourquoi notre corps a besoin d''eau, comment les microbes de l''eau sale rendent malade, et des moyens simples de rendre l''eau potable et de la garder propre à la maison et à l''école. Pour les élèves de 10 à 11 ans."}',
        '5c400002-0000-4000-8000-000000000001', now() - interval '35 days', now() - interval '30 days', now() - interval '30 days');

INSERT INTO course_units (id, course_id, position, title) VALUES
    ('5c400011-0000-4000-8000-000000000021', '5c400010-0000-4000-8000-000000000002', 0, '{"en":"Water and our health","fr":"L''eau et notre santé"}'),
    ('5c400011-0000-4000-8000-000000000022', '5c400010-0000-4000-8000-000000000002', 1, '{"en":"Making water safe","fr":"Rendre l''eau potable"}');

-- Unit 1, lesson 1: Why we need clean water
INSERT INTO lessons (id, unit_id, position, title, summary)
VALUES ('5c400012-0000-4000-8000-000000000211', '5c400011-0000-4000-8000-000000000021', 0,
        '{"en":"Why we need clean water","fr":"Pourquoi nous avons besoin d''eau propre"}',
        '{"en":"What water does in our bodies and how much to drink.",'
        '"fr":"Le rôle de l''eau dans notre corps et combien en boire."}');
INSERT INTO activities (id, lesson_id, position, type, title, body, media_url) VALUES
    ('5c400013-0000-4000-8000-000000002111', '5c400012-0000-4000-8000-000000000211', 0, 'READING',
     '{"en":"Read: Why we need clean water","fr":"Lecture : Pourquoi nous avons besoin d''eau propre"}',
     '{"en":"More than half of your body is water. There is water in your blood, your muscles and even your bones.\n\n'
     'Your body uses water all the time. Blood, which is mostly water, carries food and oxygen to every part of your body. Water helps you digest your food. When you are hot, you sweat, and the sweat cools your skin as it dries.\n\n'
     'You lose water every day when you sweat, breathe out and go to the toilet, so you must drink to replace it. A child of your age needs about 6 to 8 cups of water a day, and more on hot days or after playing football.\n\n'
     'The water you drink must be safe. Water can look clear and still carry germs that make you ill. In the next lesson you will learn where these germs come from.",'
     '"fr":"Plus de la moitié de ton corps est faite d''eau. Il y a de l''eau dans ton sang, dans tes muscles et même dans tes os.\n\n'
     'Ton corps utilise de l''eau tout le temps. Le sang, qui est surtout fait d''eau, transporte la nourriture et l''oxygène dans toutes les parties du corps. L''eau t''aide à digérer. Quand tu as chaud, tu transpires, et la sueur rafraîchit ta peau en séchant.\n\n'
     'Tu perds de l''eau chaque jour quand tu transpires, quand tu respires et quand tu vas aux toilettes : il faut donc boire pour la remplacer. Un enfant de ton âge a besoin d''environ 6 à 8 verres d''eau par jour, et davantage quand il fait chaud ou après avoir joué au football.\n\n'
     'L''eau que tu bois doit être saine. Une eau peut paraître claire et contenir quand même des microbes qui rendent malade. Dans la prochaine leçon, tu apprendras d''où viennent ces microbes."}',
     NULL),
    ('5c400013-0000-4000-8000-000000002112', '5c400012-0000-4000-8000-000000000211', 1, 'QUIZ',
     '{"en":"Quiz: Why we need clean water","fr":"Quiz : Pourquoi nous avons besoin d''eau propre"}',
     '{"en":"Answer every question, then send your answers. You can try again to improve your score.",'
     '"fr":"Réponds à toutes les questions, puis envoie tes réponses. Tu peux recommencer pour améliorer ton score."}',
     NULL);
INSERT INTO questions (id, activity_id, position, type, prompt, options, answer_key) VALUES
    ('5c400014-0000-4000-8000-000000021121', '5c400013-0000-4000-8000-000000002112', 0, 'SINGLE_CHOICE',
     '{"en":"About how much of your body is water?","fr":"Quelle part de ton corps est faite d''eau, environ ?"}',
     '[{"id":"a","text":{"en":"More than half","fr":"Plus de la moitié"}},'
     '{"id":"b","text":{"en":"About one tenth","fr":"Environ un dixième"}},'
     '{"id":"c","text":{"en":"None of it","fr":"Aucune"}},'
     '{"id":"d","text":{"en":"All of it","fr":"Tout le corps"}}]',
     '{"correctOptions":["a"]}'),
    ('5c400014-0000-4000-8000-000000021122', '5c400013-0000-4000-8000-000000002112', 1, 'MULTIPLE_CHOICE',
     '{"en":"Choose ALL the ways water helps your body.",'
     '"fr":"Choisis TOUTES les façons dont l''eau aide ton corps."}',
     '[{"id":"a","text":{"en":"It cools you down when you sweat","fr":"Elle te rafraîchit quand tu transpires"}},'
     '{"id":"b","text":{"en":"It helps you digest food","fr":"Elle t''aide à digérer"}},'
     '{"id":"c","text":{"en":"It carries food and oxygen in your blood","fr":"Elle transporte la nourriture et l''oxygène dans ton sang"}},'
     '{"id":"d","text":{"en":"It makes your hair grow green","fr":"Elle fait pousser tes cheveux en vert"}}]',
     '{"correctOptions":["a","b","c"]}'),
    ('5c400014-0000-4000-8000-000000021123', '5c400013-0000-4000-8000-000000002112', 2, 'TRUE_FALSE',
     '{"en":"Water that looks clear is always safe to drink.",'
     '"fr":"Une eau qui paraît claire est toujours bonne à boire."}',
     '[]',
     '{"correctBoolean":false}'),
    ('5c400014-0000-4000-8000-000000021124', '5c400013-0000-4000-8000-000000002112', 3, 'NUMERIC',
     '{"en":"Amina drinks 6 cups of water every day. How many cups does she drink in one week (7 days)?",'
     '"fr":"Amina boit 6 verres d''eau chaque jour. Combien de verres boit-elle en une semaine (7 jours) ?"}',
     '[]',
     '{"number":42.0,"tolerance":0.0}');

-- Unit 1, lesson 2: Germs and dirty water
INSERT INTO lessons (id, unit_id, position, title, summary)
VALUES ('5c400012-0000-4000-8000-000000000212', '5c400011-0000-4000-8000-000000000021', 1,
        '{"en":"Germs and dirty water","fr":"Les microbes et l''eau sale"}',
        '{"en":"How germs get into water and the illnesses they cause.",'
        '"fr":"Comment les microbes arrivent dans l''eau et les maladies qu''ils causent."}');
INSERT INTO activities (id, lesson_id, position, type, title, body, media_url) VALUES
    ('5c400013-0000-4000-8000-000000002121', '5c400012-0000-4000-8000-000000000212', 0, 'READING',
     '{"en":"Read: Germs and dirty water","fr":"Lecture : Les microbes et l''eau sale"}',
     '{"en":"Germs are tiny living things, so small that you need a microscope to see them. Some germs live in dirty water and make people ill.\n\n'
     'Germs get into water in many ways: when people or animals go to the toilet near a river or a well, when rain washes dirt into the water, when someone dips dirty hands or a dirty cup into the water pot, and when flies land on water that is not covered.\n\n'
     'Drinking water with these germs can cause diarrhoea, cholera and typhoid. Diarrhoea means passing loose, watery stool three or more times in a day. The body loses water very fast, which is dangerous, especially for babies and young children.\n\n'
     'A person with diarrhoea should keep drinking safe water and see a health worker. Oral rehydration solution (ORS), which health workers give, puts back the water and salts the body has lost.",'
     '"fr":"Les microbes sont de minuscules êtres vivants, si petits qu''il faut un microscope pour les voir. Certains microbes vivent dans l''eau sale et rendent les gens malades.\n\n'
     'Les microbes arrivent dans l''eau de plusieurs façons : quand des personnes ou des animaux font leurs besoins près d''une rivière ou d''un puits, quand la pluie entraîne la saleté dans l''eau, quand quelqu''un plonge des mains ou un gobelet sales dans le récipient d''eau, et quand des mouches se posent sur une eau qui n''est pas couverte.\n\n'
     'Boire de l''eau contenant ces microbes peut donner la diarrhée, le choléra ou la fièvre typhoïde. Avoir la diarrhée, c''est aller à la selle trois fois ou plus dans la journée avec des selles liquides. Le corps perd alors très vite son eau, ce qui est dangereux, surtout pour les bébés et les jeunes enfants.\n\n'
     'Une personne qui a la diarrhée doit continuer à boire de l''eau saine et consulter un agent de santé. La solution de réhydratation orale (SRO), donnée par les agents de santé, remplace l''eau et les sels que le corps a perdus."}',
     NULL),
    ('5c400013-0000-4000-8000-000000002122', '5c400012-0000-4000-8000-000000000212', 1, 'QUIZ',
     '{"en":"Quiz: Germs and dirty water","fr":"Quiz : Les microbes et l''eau sale"}',
     '{"en":"Answer every question, then send your answers. You can try again to improve your score.",'
     '"fr":"Réponds à toutes les questions, puis envoie tes réponses. Tu peux recommencer pour améliorer ton score."}',
     NULL);
INSERT INTO questions (id, activity_id, position, type, prompt, options, answer_key) VALUES
    ('5c400014-0000-4000-8000-000000021221', '5c400013-0000-4000-8000-000000002122', 0, 'SINGLE_CHOICE',
     '{"en":"Which illness can people get from drinking dirty water?",'
     '"fr":"Quelle maladie peut-on attraper en buvant de l''eau sale ?"}',
     '[{"id":"a","text":{"en":"Cholera","fr":"Le choléra"}},'
     '{"id":"b","text":{"en":"A broken arm","fr":"Un bras cassé"}},'
     '{"id":"c","text":{"en":"Short sight","fr":"La myopie"}},'
     '{"id":"d","text":{"en":"Sunburn","fr":"Un coup de soleil"}}]',
     '{"correctOptions":["a"]}'),
    ('5c400014-0000-4000-8000-000000021222', '5c400013-0000-4000-8000-000000002122', 1, 'TRUE_FALSE',
     '{"en":"Most germs are too small to see without a microscope.",'
     '"fr":"La plupart des microbes sont trop petits pour être vus sans microscope."}',
     '[]',
     '{"correctBoolean":true}'),
    ('5c400014-0000-4000-8000-000000021223', '5c400013-0000-4000-8000-000000002122', 2, 'MULTIPLE_CHOICE',
     '{"en":"Choose ALL the ways germs can get into drinking water.",'
     '"fr":"Choisis TOUTES les façons dont les microbes peuvent arriver dans l''eau de boisson."}',
     '[{"id":"a","text":{"en":"People going to the toilet near the river","fr":"Des gens qui font leurs besoins près de la rivière"}},'
     '{"id":"b","text":{"en":"Dipping dirty hands into the water pot","fr":"Plonger des mains sales dans le récipient d''eau"}},'
     '{"id":"c","text":{"en":"Leaving the water pot open to flies","fr":"Laisser le récipient ouvert aux mouches"}},'
     '{"id":"d","text":{"en":"Boiling the water","fr":"Faire bouillir l''eau"}}]',
     '{"correctOptions":["a","b","c"]}'),
    ('5c400014-0000-4000-8000-000000021224', '5c400013-0000-4000-8000-000000002122', 3, 'SHORT_TEXT',
     '{"en":"What is the name of the illness in which you pass loose, watery stool three or more times a day?",'
     '"fr":"Comment s''appelle la maladie où l''on va à la selle trois fois ou plus par jour avec des selles liquides ?"}',
     '[]',
     '{"accepted":["diarrhoea","diarrhea","diarrhée","la diarrhée"]}');

-- Unit 2, lesson 1: Three ways to make water safe
INSERT INTO lessons (id, unit_id, position, title, summary)
VALUES ('5c400012-0000-4000-8000-000000000221', '5c400011-0000-4000-8000-000000000022', 0,
        '{"en":"Three ways to make water safe","fr":"Trois façons de rendre l''eau potable"}',
        '{"en":"Boiling, solar disinfection and chlorine, and why a cloth filter is only the first step.",'
        '"fr":"L''ébullition, la désinfection solaire et le chlore, et pourquoi un filtre en tissu n''est qu''une première étape."}');
INSERT INTO activities (id, lesson_id, position, type, title, body, media_url) VALUES
    ('5c400013-0000-4000-8000-000000002211', '5c400012-0000-4000-8000-000000000221', 0, 'READING',
     '{"en":"Read: Three ways to make water safe","fr":"Lecture : Trois façons de rendre l''eau potable"}',
     '{"en":"If water is cloudy, first let the dirt settle, then pour the water through a clean cloth folded several times. This removes dirt and some germs, but not all of them, so the water still needs treating.\n\n'
     'Boiling: heat the water until it bubbles strongly (a rolling boil) and keep it boiling for at least one minute. Let it cool in the same covered pot.\n\n'
     'Solar disinfection (SODIS): fill clean, clear plastic bottles of up to 2 litres with clear water, close them and lay them in full sunshine, for example on a metal roof, for at least 6 hours. If the sky is cloudy, leave them for 2 days. The sun''s rays kill the germs.\n\n'
     'Chlorine: add the number of drops of liquid chlorine written on the bottle, mix, and wait 30 minutes before drinking. Always ask an adult to help you with chlorine.",'
     '"fr":"Si l''eau est trouble, laisse d''abord la saleté se déposer au fond, puis verse l''eau à travers un tissu propre plié plusieurs fois. Cela enlève la saleté et une partie des microbes, mais pas tous : l''eau doit encore être traitée.\n\n'
     'L''ébullition : chauffe l''eau jusqu''à ce qu''elle bouillonne fortement et laisse-la bouillir au moins une minute. Laisse-la refroidir dans la même marmite couverte.\n\n'
     'La désinfection solaire (SODIS) : remplis d''eau claire des bouteilles en plastique transparent propres de 2 litres au plus, ferme-les et pose-les en plein soleil, par exemple sur un toit en tôle, pendant au moins 6 heures. Si le ciel est nuageux, laisse-les 2 jours. Les rayons du soleil tuent les microbes.\n\n'
     'Le chlore : ajoute le nombre de gouttes de chlore liquide indiqué sur le flacon, mélange et attends 30 minutes avant de boire. Demande toujours à un adulte de t''aider avec le chlore."}',
     NULL),
    ('5c400013-0000-4000-8000-000000002212', '5c400012-0000-4000-8000-000000000221', 1, 'QUIZ',
     '{"en":"Quiz: Three ways to make water safe","fr":"Quiz : Trois façons de rendre l''eau potable"}',
     '{"en":"Answer every question, then send your answers. You can try again to improve your score.",'
     '"fr":"Réponds à toutes les questions, puis envoie tes réponses. Tu peux recommencer pour améliorer ton score."}',
     NULL);
INSERT INTO questions (id, activity_id, position, type, prompt, options, answer_key) VALUES
    ('5c400014-0000-4000-8000-000000022121', '5c400013-0000-4000-8000-000000002212', 0, 'NUMERIC',
     '{"en":"Solar disinfection (SODIS) on a sunny day: for at least how many hours must the bottles stay in full sunshine?",'
     '"fr":"Désinfection solaire (SODIS) par temps ensoleillé : pendant au moins combien d''heures les bouteilles doivent-elles rester en plein soleil ?"}',
     '[]',
     '{"number":6.0,"tolerance":0.0}'),
    ('5c400014-0000-4000-8000-000000022122', '5c400013-0000-4000-8000-000000002212', 1, 'SINGLE_CHOICE',
     '{"en":"Which of these kills the germs in water?","fr":"Lequel de ces gestes tue les microbes dans l''eau ?"}',
     '[{"id":"a","text":{"en":"Boiling it for at least one minute","fr":"La faire bouillir au moins une minute"}},'
     '{"id":"b","text":{"en":"Putting it in a cold place","fr":"La mettre au frais"}},'
     '{"id":"c","text":{"en":"Stirring it with a stick","fr":"La remuer avec un bâton"}},'
     '{"id":"d","text":{"en":"Adding sugar","fr":"Y ajouter du sucre"}}]',
     '{"correctOptions":["a"]}'),
    ('5c400014-0000-4000-8000-000000022123', '5c400013-0000-4000-8000-000000002212', 2, 'TRUE_FALSE',
     '{"en":"Pouring water through a clean cloth removes all the germs.",'
     '"fr":"Verser l''eau à travers un tissu propre enlève tous les microbes."}',
     '[]',
     '{"correctBoolean":false}'),
    ('5c400014-0000-4000-8000-000000022124', '5c400013-0000-4000-8000-000000002212', 3, 'NUMERIC',
     '{"en":"After adding chlorine, how many minutes should you wait before drinking the water?",'
     '"fr":"Après avoir ajouté du chlore, combien de minutes faut-il attendre avant de boire l''eau ?"}',
     '[]',
     '{"number":30.0,"tolerance":0.0}');

-- Unit 2, lesson 2: Clean hands and safe storage
INSERT INTO lessons (id, unit_id, position, title, summary)
VALUES ('5c400012-0000-4000-8000-000000000222', '5c400011-0000-4000-8000-000000000022', 1,
        '{"en":"Clean hands and safe storage","fr":"Des mains propres et une eau bien conservée"}',
        '{"en":"When and how to wash your hands, and how to keep drinking water clean.",'
        '"fr":"Quand et comment se laver les mains, et comment garder l''eau de boisson propre."}');
INSERT INTO activities (id, lesson_id, position, type, title, body, media_url) VALUES
    ('5c400013-0000-4000-8000-000000002221', '5c400012-0000-4000-8000-000000000222', 0, 'READING',
     '{"en":"Read: Clean hands and safe storage","fr":"Lecture : Des mains propres et une eau bien conservée"}',
     '{"en":"Safe water can become dirty again if it is touched by dirty hands. Washing your hands with soap is one of the best ways to stop germs.\n\n'
     'Wash your hands after using the toilet, before eating, before preparing food and after changing a baby''s nappy. Wet your hands, rub them with soap for at least 20 seconds (about as long as singing \"Happy Birthday\" twice), cleaning between your fingers and under your nails, then rinse them with running water and let them dry in the air.\n\n'
     'A tippy-tap is a simple handwashing station: a jerrycan hangs from a stick and tips when you press a string with your foot, so you never touch it with dirty hands. It uses very little water.\n\n'
     'Keep drinking water in a clean container with a lid. Take water out by pouring it, through a tap or with a clean ladle that is used only for this. Never dip your hands or your cup into the container.",'
     '"fr":"Une eau saine peut redevenir sale si on la touche avec des mains sales. Se laver les mains au savon est l''un des meilleurs moyens d''arrêter les microbes.\n\n'
     'Lave-toi les mains après être allé aux toilettes, avant de manger, avant de préparer à manger et après avoir changé la couche d''un bébé. Mouille tes mains, frotte-les avec du savon pendant au moins 20 secondes (le temps de chanter deux fois « Joyeux anniversaire »), entre les doigts et sous les ongles, puis rince-les à l''eau courante et laisse-les sécher à l''air.\n\n'
     'Le tippy-tap est un lave-mains tout simple : un bidon suspendu à un bâton se penche quand tu appuies du pied sur une corde, si bien que tu ne le touches jamais avec des mains sales. Il utilise très peu d''eau.\n\n'
     'Garde l''eau de boisson dans un récipient propre avec un couvercle. Prends l''eau en la versant, par un robinet ou avec une louche propre qui ne sert qu''à cela. Ne plonge jamais tes mains ni ton gobelet dans le récipient."}',
     NULL),
    ('5c400013-0000-4000-8000-000000002222', '5c400012-0000-4000-8000-000000000222', 1, 'QUIZ',
     '{"en":"Quiz: Clean hands and safe storage","fr":"Quiz : Des mains propres et une eau bien conservée"}',
     '{"en":"Answer every question, then send your answers. You can try again to improve your score.",'
     '"fr":"Réponds à toutes les questions, puis envoie tes réponses. Tu peux recommencer pour améliorer ton score."}',
     NULL);
INSERT INTO questions (id, activity_id, position, type, prompt, options, answer_key) VALUES
    ('5c400014-0000-4000-8000-000000022221', '5c400013-0000-4000-8000-000000002222', 0, 'MULTIPLE_CHOICE',
     '{"en":"Choose ALL the times when you should wash your hands with soap.",'
     '"fr":"Choisis TOUS les moments où tu dois te laver les mains au savon."}',
     '[{"id":"a","text":{"en":"After using the toilet","fr":"Après être allé aux toilettes"}},'
     '{"id":"b","text":{"en":"Before eating","fr":"Avant de manger"}},'
     '{"id":"c","text":{"en":"Before preparing food","fr":"Avant de préparer à manger"}},'
     '{"id":"d","text":{"en":"Only once a week","fr":"Seulement une fois par semaine"}}]',
     '{"correctOptions":["a","b","c"]}'),
    ('5c400014-0000-4000-8000-000000022222', '5c400013-0000-4000-8000-000000002222', 1, 'NUMERIC',
     '{"en":"For at least how many seconds should you rub your hands with soap?",'
     '"fr":"Pendant au moins combien de secondes faut-il se frotter les mains avec du savon ?"}',
     '[]',
     '{"number":20.0,"tolerance":0.0}'),
    ('5c400014-0000-4000-8000-000000022223', '5c400013-0000-4000-8000-000000002222', 2, 'SHORT_TEXT',
     '{"en":"What is the name of the handwashing station made from a jerrycan hanging from a stick, which you tip with your foot?",'
     '"fr":"Comment s''appelle le lave-mains fait d''un bidon suspendu à un bâton, que l''on penche avec le pied ?"}',
     '[]',
     '{"accepted":["tippy-tap","tippy tap","tippytap"]}'),
    ('5c400014-0000-4000-8000-000000022224', '5c400013-0000-4000-8000-000000002222', 3, 'TRUE_FALSE',
     '{"en":"Drinking water should be kept in a container with a lid.",'
     '"fr":"L''eau de boisson doit être gardée dans un récipient avec un couvercle."}',
     '[]',
     '{"correctBoolean":true}'),
    ('5c400014-0000-4000-8000-000000022225', '5c400013-0000-4000-8000-000000002222', 4, 'SINGLE_CHOICE',
     '{"en":"What is the safest way to take water out of a storage pot?",'
     '"fr":"Quelle est la façon la plus sûre de prendre de l''eau dans un récipient de stockage ?"}',
     '[{"id":"a","text":{"en":"Pour it, or use a tap or a clean ladle","fr":"La verser, ou utiliser un robinet ou une louche propre"}},'
     '{"id":"b","text":{"en":"Dip your cup into it","fr":"Y plonger son gobelet"}},'
     '{"id":"c","text":{"en":"Scoop it out with your hands","fr":"La prendre avec les mains"}}]',
     '{"correctOptions":["a"]}');

--changeset spark:008-demo-history context:demo splitStatements:false
--comment: three weeks of learning (readings, a video, quizzes) replayed through the rules SubmissionService, ProgressService and LearningRewards apply with the default settings, so XP, levels, progress, streaks and badges agree with what the students did. Dates count back from the day the data is loaded.
DO $demo$
DECLARE
    -- the defaults of GamificationSettings
    tz          CONSTANT text := 'Africa/Nairobi';
    pass_score  CONSTANT int  := 50;
    daily_cap   CONSTANT int  := 500;
    streak_xp   CONSTANT int  := 5;
    fractions   CONSTANT uuid := '5c400010-0000-4000-8000-000000000001';
    water       CONSTANT uuid := '5c400010-0000-4000-8000-000000000002';
    today       CONSTANT date := (now() AT TIME ZONE tz)::date;

    plan        record;
    student     uuid;
    days_ago    int;
    slot        int;
    slot_at     timestamptz;
    quiz        uuid;
    attempt     int;
    learning    record;
    done_at     timestamptz;
    on_day      date;
    -- a graded quiz
    correct     int;
    total       int;
    score       numeric(5, 2);
    answers     text;
    feedback    text;
    submission  uuid;
    -- the progress row of the activity
    p_status    text;
    p_percent   int;
    p_best      numeric(5, 2);
    p_attempts  int;
    p_completed timestamptz;
    completed_now boolean;
    lesson_done boolean;
    -- the student's streak
    s_current   int;
    s_longest   int;
    s_last      date;
    s_grace     date;
    extended    boolean;
    -- XP
    award       record;
    held        text[];
    room        int;
    points      int;
    xp          int;
    xp_total    bigint;
    lvl         int;
BEGIN
    -- Who learns how: skill is the chance of answering a question right (each retry adds 0.15); a student
    -- retries a quiz (at most 3 times) until the best score reaches target; a reader reads the lesson (and
    -- watches its video) before its quiz; days are how many days ago they learned, oldest first.
    -- 03, 12, 14, 21 and 27 are strong and keep streaks; 05 struggles; 07, 09, 16 and 25 stopped 11 to 13
    -- days ago and 30 never started: the students a teacher should call on.
    FOR plan IN
        SELECT * FROM (VALUES
            ( 1, 0.72, 1,  70, true,  ARRAY[20, 17, 15, 13, 10, 8, 6, 3, 1]),
            ( 2, 0.80, 1,  70, true,  ARRAY[19, 16, 14, 12, 9, 7, 5, 2]),
            ( 3, 0.93, 1, 100, true,  ARRAY[13, 12, 11, 10, 9, 8, 7, 5, 4, 3, 2, 1]),  -- day 6 missed: the grace day
            ( 4, 0.65, 1,  70, false, ARRAY[18, 14, 11, 7, 4, 2]),
            ( 5, 0.42, 1,  70, true,  ARRAY[19, 15, 12, 9, 5, 2]),
            ( 6, 0.75, 2,  70, true,  ARRAY[16, 12, 9, 5, 1]),
            ( 7, 0.55, 1,  70, false, ARRAY[20, 18, 15, 12]),
            ( 8, 0.68, 1,  70, false, ARRAY[17, 13, 10, 6, 3]),
            ( 9, 0.60, 1,  70, true,  ARRAY[21, 19, 16, 11]),
            (10, 0.78, 2,  70, true,  ARRAY[18, 15, 12, 9, 6, 3, 1]),
            (11, 0.62, 1,  70, false, ARRAY[20, 16, 13, 9, 6, 2]),
            (12, 0.95, 1, 100, true,  ARRAY[16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]),
            (13, 0.70, 2,  70, true,  ARRAY[19, 14, 10, 7, 4, 1]),
            (14, 0.91, 1, 100, true,  ARRAY[20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 8, 7, 6, 5, 4, 3, 2, 1]),  -- 10 and 9 missed: a new streak
            (15, 0.66, 1,  70, false, ARRAY[17, 15, 12, 8, 5, 2]),
            (16, 0.58, 1,  70, true,  ARRAY[19, 17, 13]),
            (17, 0.72, 2,  70, false, ARRAY[20, 13, 8, 4, 2]),
            (18, 0.84, 1,  70, true,  ARRAY[18, 16, 14, 12, 10, 8, 6, 4, 2]),
            (19, 0.70, 1,  70, true,  ARRAY[18, 14, 9, 5, 2]),
            (20, 0.76, 1,  70, true,  ARRAY[16, 13, 10, 7, 3, 1]),
            (21, 0.94, 1, 100, true,  ARRAY[10, 9, 8, 7, 6, 5, 4, 3, 2, 1]),
            (22, 0.64, 1,  70, false, ARRAY[19, 12, 8, 3]),
            (23, 0.69, 1,  70, false, ARRAY[15, 11, 6, 2]),
            (24, 0.81, 1,  70, true,  ARRAY[17, 14, 10, 6, 2]),
            (25, 0.50, 1,  70, false, ARRAY[21, 18, 14, 11]),
            (26, 0.73, 1,  70, true,  ARRAY[20, 15, 9, 4, 1]),
            (27, 0.92, 1, 100, true,  ARRAY[9, 8, 7, 6, 5, 4, 3, 2, 1]),
            (28, 0.67, 1,  70, true,  ARRAY[16, 12, 7, 3]),
            (29, 0.60, 1,  70, false, ARRAY[13, 8, 5, 1])
        ) AS p(n, skill, per_day, target, reads, days)
        ORDER BY n
    LOOP
        student := ('5c400002-0000-4000-8000-' || lpad((100 + plan.n)::text, 12, '0'))::uuid;
        FOREACH days_ago IN ARRAY plan.days LOOP
            FOR slot IN 1 .. plan.per_day LOOP
                -- after school, Nairobi time; always in the past because the latest day is yesterday
                slot_at := ((today - days_ago) + time '16:00' + (plan.n * 7 % 90) * interval '1 minute'
                            + (slot - 1) * interval '25 minutes') AT TIME ZONE tz;

                -- the next quiz: the first one not taken or still below target, else revise the one practised longest ago
                SELECT q.activity_id INTO quiz
                FROM (SELECT a.id AS activity_id, u.course_id,
                             row_number() OVER (PARTITION BY u.course_id ORDER BY u.position, l.position, a.position) AS seq
                      FROM activities a
                      JOIN lessons l ON l.id = a.lesson_id
                      JOIN course_units u ON u.id = l.unit_id
                      WHERE a.type = 'QUIZ' AND u.course_id IN (fractions, water)) q
                JOIN class_enrolments e ON e.student_id = student
                     AND e.class_id = CASE q.course_id WHEN fractions THEN '5c400001-0000-4000-8000-000000000001'::uuid
                                                       ELSE '5c400001-0000-4000-8000-000000000002'::uuid END
                LEFT JOIN student_progress p ON p.student_id = student AND p.activity_id = q.activity_id
                ORDER BY (p.id IS NOT NULL AND (p.best_score >= plan.target OR p.attempts >= 3)),
                         CASE WHEN p.id IS NULL OR (p.best_score < plan.target AND p.attempts < 3) THEN q.seq END,
                         p.last_accessed, q.course_id
                LIMIT 1;
                SELECT count(*) + 1 INTO attempt FROM submissions s WHERE s.student_id = student AND s.activity_id = quiz;

                -- what the student does in this sitting: a reader first completes the lesson's reading (12 minutes
                -- before the quiz) and video (6 minutes before), the first time; then the quiz
                FOR learning IN
                    SELECT a.id, a.type, a.lesson_id, slot_at - (12 - 6 * (row_number() OVER (ORDER BY a.position) - 1)) * interval '1 minute' AS learned_at
                    FROM activities a
                    WHERE a.lesson_id = (SELECT lesson_id FROM activities WHERE id = quiz) AND a.type <> 'QUIZ' AND plan.reads AND attempt = 1
                      AND NOT EXISTS (SELECT 1 FROM student_progress p WHERE p.student_id = student AND p.activity_id = a.id)
                    UNION ALL
                    SELECT a.id, a.type, a.lesson_id, slot_at FROM activities a WHERE a.id = quiz
                    ORDER BY learned_at
                LOOP
                    done_at := learning.learned_at;
                    on_day := (done_at AT TIME ZONE tz)::date;

                    SELECT status, percent, best_score, attempts, completed_at INTO p_status, p_percent, p_best, p_attempts, p_completed
                    FROM student_progress WHERE student_id = student AND activity_id = learning.id;
                    IF NOT FOUND THEN
                        p_status := 'NOT_STARTED'; p_percent := 0; p_best := NULL; p_attempts := 0; p_completed := NULL;
                    END IF;

                    IF learning.type <> 'QUIZ' THEN
                        -- StudentProgress.recordProgress(100): read or watched to the end
                        completed_now := p_status <> 'COMPLETED';
                        p_status := 'COMPLETED'; p_percent := 100; p_completed := coalesce(p_completed, done_at);
                    ELSE
                        -- the answers the student sends: right or wrong by a fixed draw per (student, quiz, attempt,
                        -- question); graded as Question.isCorrect does, written as answersJson and feedbackJson write them
                        WITH question AS (
                            SELECT qq.id, qq.position, qq.type, qq.options::jsonb AS options, qq.answer_key::jsonb AS k,
                                   ('x' || left(md5(plan.n || ':' || quiz || ':' || attempt || ':' || qq.id), 8))::bit(32)::bigint / 4294967296.0
                                       < least(0.97, plan.skill + 0.15 * (attempt - 1)) AS ok
                            FROM questions qq WHERE qq.activity_id = quiz
                        ), answer AS (
                            SELECT id, position, ok,
                                   CASE type
                                       WHEN 'SINGLE_CHOICE' THEN '"options":["' ||
                                           CASE WHEN ok THEN k -> 'correctOptions' ->> 0
                                                ELSE (SELECT o ->> 'id' FROM jsonb_array_elements(options) o
                                                      WHERE NOT k -> 'correctOptions' ? (o ->> 'id') LIMIT 1) END || '"]'
                                       -- a wrong multiple choice misses the last right option
                                       WHEN 'MULTIPLE_CHOICE' THEN '"options":[' ||
                                           (SELECT string_agg('"' || (c #>> '{}') || '"', ',' ORDER BY i)
                                            FROM jsonb_array_elements(k -> 'correctOptions') WITH ORDINALITY AS x(c, i)
                                            WHERE ok OR i < jsonb_array_length(k -> 'correctOptions')) || ']'
                                       WHEN 'TRUE_FALSE' THEN '"value":' || CASE WHEN ok THEN k ->> 'correctBoolean'
                                                                                 ELSE (NOT (k ->> 'correctBoolean')::boolean)::text END
                                       -- numbers as Java writes a double (5.0, 0.75); a wrong one is one too many, or a third
                                       WHEN 'NUMERIC' THEN '"number":' ||
                                           (SELECT CASE WHEN v = trunc(v) THEN trunc(v)::text || '.0' ELSE rtrim(v::text, '0') END
                                            FROM (SELECT CASE WHEN ok THEN (k ->> 'number')::numeric
                                                              WHEN (k ->> 'number')::numeric = trunc((k ->> 'number')::numeric) THEN (k ->> 'number')::numeric + 1
                                                              ELSE round((k ->> 'number')::numeric / 3, 2) END AS v) n)
                                       WHEN 'SHORT_TEXT' THEN '"text":"' ||
                                           CASE WHEN ok AND plan.n % 2 = 0 THEN initcap(k -> 'accepted' ->> 0)  -- graded without regard to case
                                                WHEN ok THEN k -> 'accepted' ->> 0
                                                ELSE CASE k -> 'accepted' ->> 0 WHEN 'nusu' THEN 'robo' WHEN 'robo' THEN 'nusu'
                                                          WHEN '3/6' THEN '7/6' WHEN 'diarrhoea' THEN 'malaria' ELSE 'jerrycan' END END || '"'
                                   END AS given
                            FROM question
                        )
                        SELECT count(*) FILTER (WHERE ok), count(*),
                               '[' || string_agg('{"questionId":"' || id || '",' || given || '}', ',' ORDER BY position) || ']',
                               '[' || string_agg('{"questionId":"' || id || '","correct":' || ok || '}', ',' ORDER BY position) || ']'
                        INTO correct, total, answers, feedback
                        FROM answer;
                        score := round(10000.0 * correct / total) / 100;

                        -- StudentProgress.recordAttempt
                        p_attempts := p_attempts + 1;
                        p_best := greatest(p_best, score);
                        completed_now := score >= pass_score AND p_status <> 'COMPLETED';
                        IF completed_now THEN
                            p_status := 'COMPLETED'; p_completed := done_at;
                        ELSIF p_status = 'NOT_STARTED' THEN
                            p_status := 'IN_PROGRESS';
                        END IF;
                        p_percent := CASE WHEN p_status = 'COMPLETED' THEN 100 ELSE greatest(p_percent, floor(score)::int) END;
                    END IF;
                    INSERT INTO student_progress (id, student_id, activity_id, status, percent, best_score, attempts, last_accessed, completed_at)
                    VALUES (('5c400022-0' || lpad(plan.n::text, 3, '0') || '-4000-8000-0000' || right(learning.id::text, 4) || '0000')::uuid,
                            student, learning.id, p_status, p_percent, p_best, p_attempts, done_at, p_completed)
                    ON CONFLICT (student_id, activity_id) DO UPDATE
                        SET status = EXCLUDED.status, percent = EXCLUDED.percent, best_score = EXCLUDED.best_score,
                            attempts = EXCLUDED.attempts, last_accessed = EXCLUDED.last_accessed, completed_at = EXCLUDED.completed_at;

                    -- LearningRewards.reward, for a graded quiz or a completed reading or video:
                    -- Streak.recordActivity: the first learning of a day extends the streak; one missed day is forgiven
                    -- if none was in the 7 days before
                    SELECT current_days, longest_days, last_active_on, grace_used_on INTO s_current, s_longest, s_last, s_grace
                    FROM streaks WHERE student_id = student;
                    IF NOT FOUND THEN
                        INSERT INTO streaks (student_id) VALUES (student);
                        s_current := 0; s_longest := 0; s_last := NULL; s_grace := NULL;
                    END IF;
                    extended := false;
                    IF s_last IS NULL OR on_day > s_last THEN
                        IF on_day = s_last + 1 THEN
                            s_current := s_current + 1;
                        ELSIF on_day = s_last + 2 AND (s_grace IS NULL OR s_grace <= on_day - 8) THEN
                            s_grace := s_last + 1;
                            s_current := s_current + 1;
                        ELSE
                            s_current := 1;
                        END IF;
                        s_last := on_day;
                        s_longest := greatest(s_longest, s_current);
                        extended := s_current >= 2;
                        UPDATE streaks SET current_days = s_current, longest_days = s_longest, last_active_on = s_last,
                                           grace_used_on = s_grace, version = version + 1
                        WHERE student_id = student;
                    END IF;

                    -- XpRules.grant: each award once per activity, within the daily cap of the student's day, then the streak bonus
                    SELECT coalesce(array_agg(reason), '{}') INTO held FROM xp_events WHERE student_id = student AND source_id = learning.id;
                    SELECT greatest(0, daily_cap - coalesce(sum(e.points), 0)) INTO room
                    FROM xp_events e WHERE e.student_id = student AND e.created_at >= (on_day::timestamp AT TIME ZONE tz);
                    xp := 0;
                    FOR award IN
                        SELECT * FROM (VALUES (1, 'COMPLETION', 20, learning.type <> 'QUIZ' OR score >= pass_score),
                                              (2, 'SCORE_70', 10, learning.type = 'QUIZ' AND score >= 70),
                                              (3, 'SCORE_90', 15, learning.type = 'QUIZ' AND score >= 90),
                                              (4, 'PERFECT', 10, learning.type = 'QUIZ' AND correct = total)) AS r(ord, reason, pts, earned)
                        WHERE earned ORDER BY ord
                    LOOP
                        points := least(award.pts, room - xp);
                        CONTINUE WHEN award.reason = ANY (held) OR points <= 0;
                        INSERT INTO xp_events (student_id, points, reason, source_id, created_at) VALUES (student, points, award.reason, learning.id, done_at);
                        xp := xp + points;
                    END LOOP;
                    points := least(streak_xp, room - xp);
                    IF extended AND points > 0 THEN
                        -- XpRules.streakDaySource: UUID.nameUUIDFromBytes("streak-day:" + day), a name-based (v3) UUID
                        INSERT INTO xp_events (student_id, points, reason, source_id, created_at)
                        SELECT student, points, 'STREAK_DAY',
                               (left(h, 12) || '3' || substr(h, 14, 3) || to_hex(8 | (('x' || substr(h, 17, 1))::bit(4)::int & 3)) || substr(h, 18))::uuid,
                               done_at
                        FROM (SELECT md5('streak-day:' || to_char(on_day, 'YYYY-MM-DD')) AS h) d;
                        xp := xp + points;
                    END IF;

                    -- Profile.addXp: the level follows the curve, level n at round(100 * (n - 1)^1.5) XP
                    UPDATE profiles SET xp_points = xp_points + xp, updated_at = done_at, version = version + 1
                    WHERE user_id = student RETURNING xp_points INTO xp_total;
                    SELECT max(n) INTO lvl FROM generate_series(1, 1000) AS n WHERE round(100 * power((n - 1)::numeric, 1.5)) <= xp_total;
                    UPDATE profiles SET level = lvl WHERE user_id = student;

                    submission := NULL;
                    IF learning.type = 'QUIZ' THEN
                        submission := ('5c400020-0' || lpad(plan.n::text, 3, '0') || '-4000-8000-0000' || right(quiz::text, 4)
                                       || lpad(attempt::text, 4, '0'))::uuid;
                        INSERT INTO submissions (id, client_submission_id, student_id, activity_id, attempt, answers, feedback, score,
                                                 correct_count, question_count, xp_awarded, submitted_at)
                        VALUES (submission, ('5c400021' || substr(submission::text, 9))::uuid, student, quiz, attempt, answers, feedback,
                                score, correct, total, xp, done_at);
                    END IF;

                    -- Badge.earnedBy, and COURSE_COMPLETE for the course; a badge already held stays as it was.
                    -- A lesson is done when all its activities (assignments aside) are completed.
                    lesson_done := completed_now AND NOT EXISTS (
                        SELECT 1 FROM activities a WHERE a.lesson_id = learning.lesson_id AND a.type <> 'ASSIGNMENT'
                          AND NOT EXISTS (SELECT 1 FROM student_progress p WHERE p.activity_id = a.id AND p.student_id = student AND p.status = 'COMPLETED'));
                    INSERT INTO student_badges (student_id, badge, scope_id, earned_at, submission_id)
                    SELECT student, b.badge, '00000000-0000-0000-0000-000000000000', done_at, submission
                    FROM (VALUES (1, 'FIRST_QUIZ', learning.type = 'QUIZ' AND score >= pass_score),
                                 (2, 'PERFECT_QUIZ', learning.type = 'QUIZ' AND correct = total),
                                 (3, 'FIRST_LESSON', lesson_done),
                                 (4, 'LEVEL_5', lvl >= 5), (5, 'LEVEL_10', lvl >= 10),
                                 (6, 'STREAK_7', s_current >= 7), (7, 'STREAK_30', s_current >= 30)) AS b(ord, badge, earned)
                    WHERE b.earned
                    ON CONFLICT (student_id, badge, scope_id) DO NOTHING;
                    IF lesson_done THEN
                        INSERT INTO student_badges (student_id, badge, scope_id, earned_at, submission_id)
                        SELECT student, 'COURSE_COMPLETE', u.course_id, done_at, submission
                        FROM lessons l JOIN course_units u ON u.id = l.unit_id
                        WHERE l.id = learning.lesson_id
                          AND NOT EXISTS (SELECT 1 FROM activities a JOIN lessons al ON al.id = a.lesson_id JOIN course_units au ON au.id = al.unit_id
                                          WHERE au.course_id = u.course_id AND a.type <> 'ASSIGNMENT'
                                            AND NOT EXISTS (SELECT 1 FROM student_progress p WHERE p.activity_id = a.id AND p.student_id = student
                                                                                               AND p.status = 'COMPLETED'))
                        ON CONFLICT (student_id, badge, scope_id) DO NOTHING;
                    END IF;
                END LOOP;

                UPDATE users SET last_login_at = slot_at WHERE id = student;
            END LOOP;
        END LOOP;
    END LOOP;
END
$demo$;
