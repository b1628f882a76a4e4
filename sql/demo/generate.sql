-- Deterministic synthetic demo data for thidua (SPEC §3 shape, national scale after the 2025 reform).
--   psql -v ON_ERROR_STOP=1 -v scale=1 -f sql/schema.sql -f sql/demo/generate.sql
-- scale multiplies staff and records (1 = national: ~15,860 biên chế, ~430,000 case records);
-- units stay the same. Every "random" value is a hash of its row's key, so the same scale always
-- gives the same rows, whatever plan PostgreSQL chooses. A few anomalies are planted on purpose
-- (see the end of this file) so that anomalies.csv has something to show. The rows run from October
-- 2025 to 29 November 2026: plan 251's period first, then the second half of 2026 for the second
-- plan (plans/KH-TD-6T-2026.yaml), added so that plan 251's replays of its period do not move.
\if :{?scale}
\else
\set scale 1
\endif
SET search_path TO thidua;
SET client_min_messages TO warning;

TRUNCATE unit, staff, case_record, procedural_document, training_session, training_role, luyenai_daily,
         platform_usage, initiative, initiative_author, core_group, core_group_member, infrastructure,
         discipline, award_dossier;

-- r(key): a reproducible number in [0, 1) from any text.
CREATE OR REPLACE FUNCTION pg_temp.r(k text) RETURNS float8 LANGUAGE sql IMMUTABLE AS
$$ SELECT ('x' || substr(md5(k), 1, 12))::bit(48)::bigint / 281474976710656.0 $$;

CREATE TEMP TABLE demo_params AS SELECT (:'scale')::numeric AS scale;

-- ── Units ────────────────────────────────────────────────────────────────────────────────────────
-- 27 units of the Supreme People's Procuracy (SPP), with the size of each.
INSERT INTO unit (unit_id, name, kind, parent_id, headcount)
SELECT 'spp' || lpad(n::text, 2, '0'), name, 'spp_unit', NULL, hc
FROM unnest(ARRAY[
  'Văn phòng VKSND tối cao', 'Vụ Thực hành quyền công tố và kiểm sát điều tra án an ninh (Vụ 1)',
  'Vụ Thực hành quyền công tố và kiểm sát điều tra án trật tự xã hội (Vụ 2)',
  'Vụ Thực hành quyền công tố và kiểm sát điều tra án kinh tế (Vụ 3)',
  'Vụ Thực hành quyền công tố và kiểm sát điều tra án ma túy (Vụ 4)',
  'Vụ Thực hành quyền công tố và kiểm sát điều tra án tham nhũng, chức vụ (Vụ 6)',
  'Vụ Thực hành quyền công tố và kiểm sát xét xử phúc thẩm án hình sự (Vụ 7)',
  'Vụ Kiểm sát thi hành án hình sự (Vụ 8)', 'Vụ Kiểm sát việc giải quyết các vụ án hành chính (Vụ 10)',
  'Vụ Kiểm sát thi hành án dân sự (Vụ 11)', 'Vụ Hợp tác quốc tế và tương trợ tư pháp về hình sự (Vụ 13)',
  'Vụ Kiểm sát việc giải quyết các vụ, việc dân sự (Vụ 9)', 'Vụ Pháp chế và Quản lý khoa học (Vụ 14)',
  'Vụ Tổ chức cán bộ (Vụ 15)', 'Vụ Thi đua – Khen thưởng (Vụ 16)', 'Vụ Kế hoạch – Tài chính (Vụ 17)',
  'Cục Điều tra VKSND tối cao', 'Cục Thống kê tội phạm và chuyển đổi số (Cục 2)',
  'Thanh tra VKSND tối cao', 'Viện Khoa học kiểm sát', 'Báo Bảo vệ pháp luật', 'Tạp chí Kiểm sát',
  'Trường Đại học Kiểm sát Hà Nội', 'Trường Bồi dưỡng nghiệp vụ kiểm sát tại TP. Hồ Chí Minh',
  'VKSND cấp cao tại Hà Nội', 'VKSND cấp cao tại Đà Nẵng', 'VKSND cấp cao tại TP. Hồ Chí Minh'
]) WITH ORDINALITY AS t(name, n)
CROSS JOIN LATERAL (SELECT CASE WHEN n >= 25 THEN 120 + (n - 25) * 10 WHEN n IN (2,3,4,5,6,7,17) THEN 45 ELSE 22 + (n % 7) * 3 END AS hc) h;

-- 34 provincial procuracies; size factor decides small (< 300), middle (300–500) and large (> 500).
CREATE TEMP TABLE demo_province AS
SELECT 'p' || lpad(n::text, 2, '0') AS unit_id, name, n,
       CASE name WHEN 'TP. Hồ Chí Minh' THEN 19 WHEN 'Hà Nội' THEN 16 ELSE 10 END AS regions,
       CASE WHEN name IN ('TP. Hồ Chí Minh', 'Hà Nội') THEN 1.6
            WHEN n % 5 = 0 THEN 0.62 ELSE 0.8 + pg_temp.r('size' || n) * 0.45 END AS size
FROM unnest(ARRAY['Hà Nội', 'Huế', 'Lai Châu', 'Điện Biên', 'Sơn La', 'Lạng Sơn', 'Quảng Ninh', 'Thanh Hóa',
  'Nghệ An', 'Hà Tĩnh', 'Cao Bằng', 'Tuyên Quang', 'Lào Cai', 'Thái Nguyên', 'Phú Thọ', 'Bắc Ninh', 'Hưng Yên',
  'Hải Phòng', 'Ninh Bình', 'Quảng Trị', 'Đà Nẵng', 'Quảng Ngãi', 'Gia Lai', 'Khánh Hòa', 'Lâm Đồng', 'Đắk Lắk',
  'TP. Hồ Chí Minh', 'Đồng Nai', 'Tây Ninh', 'Cần Thơ', 'Vĩnh Long', 'Đồng Tháp', 'Cà Mau', 'An Giang'])
  WITH ORDINALITY AS t(name, n);

INSERT INTO unit SELECT unit_id, 'VKSND ' || CASE WHEN name LIKE 'TP.%' THEN name ELSE 'tỉnh ' || name END,
       'provincial', NULL, round(12 * size)::int FROM demo_province;

INSERT INTO unit
SELECT p.unit_id || '-d' || lpad(d::text, 2, '0'), dn || ' – VKSND ' || p.name, 'department', p.unit_id,
       greatest(5, round((9 + pg_temp.r(p.unit_id || 'd' || d) * 6) * p.size))::int
FROM demo_province p
CROSS JOIN unnest(ARRAY['Phòng Thực hành quyền công tố và kiểm sát điều tra án hình sự về an ninh, ma túy',
  'Phòng Thực hành quyền công tố và kiểm sát điều tra án hình sự về trật tự xã hội',
  'Phòng Thực hành quyền công tố và kiểm sát điều tra án hình sự về kinh tế, tham nhũng',
  'Phòng Thực hành quyền công tố và kiểm sát xét xử án hình sự', 'Phòng Kiểm sát thi hành án',
  'Phòng Kiểm sát việc giải quyết các vụ, việc dân sự, hành chính', 'Phòng Thống kê tội phạm và chuyển đổi số',
  'Phòng Tổ chức cán bộ', 'Văn phòng tổng hợp', 'Thanh tra – Khiếu tố']) WITH ORDINALITY AS t(dn, d);

INSERT INTO unit
SELECT p.unit_id || '-r' || lpad(k::text, 2, '0'), 'VKSND khu vực ' || k || ' – ' || p.name, 'regional', p.unit_id,
       greatest(8, round((22 + pg_temp.r(p.unit_id || 'r' || k) * 14) * p.size))::int
FROM demo_province p CROSS JOIN LATERAL generate_series(1, p.regions) AS k;

-- How each unit behaves: leaders, laggards and late starters, so the reports tell a story.
CREATE TEMP TABLE demo_profile AS
SELECT unit_id,
       pg_temp.r(unit_id || 'skill') AS skill,                 -- 0 laggard .. 1 leader
       (pg_temp.r(unit_id || 'late') < 0.15) AS late_starter,  -- starts weeks late
       pg_temp.r(unit_id || 'ai') AS ai,
       pg_temp.r(unit_id || 'quality') AS quality
FROM unit;

-- ── Staff ────────────────────────────────────────────────────────────────────────────────────────
CREATE TEMP TABLE demo_names AS SELECT
  ARRAY['Nguyễn','Trần','Lê','Phạm','Hoàng','Huỳnh','Phan','Vũ','Võ','Đặng','Bùi','Đỗ','Hồ','Ngô','Dương','Lý','Đinh','Trịnh','Mai','Tạ'] AS family,
  ARRAY['Văn','Thị','Đức','Minh','Ngọc','Thanh','Hữu','Quốc','Thu','Hoài','Xuân','Kim','Công','Anh','Bảo'] AS middle,
  ARRAY['An','Bình','Châu','Dũng','Giang','Hà','Hải','Hạnh','Hiếu','Hoa','Hùng','Hương','Khánh','Lan','Linh','Long','Mai','Nam','Nga','Nhung','Phong','Phúc','Quân','Quyên','Sơn','Tâm','Thảo','Thắng','Thủy','Trang','Trí','Trung','Tuấn','Uyên','Việt','Yến'] AS given;

INSERT INTO staff (staff_id, full_name, unit_id, role, direct_worker, active)
SELECT s.staff_id,
       n.family[1 + floor(pg_temp.r(s.staff_id || 'f') * 20)::int] || ' ' ||
       n.middle[1 + floor(pg_temp.r(s.staff_id || 'm') * 15)::int] || ' ' ||
       n.given[1 + floor(pg_temp.r(s.staff_id || 'g') * 36)::int],
       s.unit_id, s.role, s.role IN ('prosecutor', 'inspector') OR (s.role = 'leader' AND pg_temp.r(s.staff_id || 'dw') < 0.3),
       pg_temp.r(s.staff_id || 'act') >= 0.03
FROM (
    SELECT u.unit_id, u.unit_id || '-s' || lpad(i::text, 4, '0') AS staff_id,
           CASE WHEN x < 0.12 THEN 'leader' WHEN x < (CASE WHEN u.unit_id IN ('spp01','spp14','spp15','spp16','spp21','spp22','spp23','spp24') THEN 0.3 ELSE 0.83 END) THEN 'prosecutor'
                WHEN x < 0.91 THEN 'inspector' WHEN x < 0.95 THEN 'it' ELSE 'other' END AS role
    FROM unit u
    CROSS JOIN LATERAL generate_series(1, greatest(1, floor(u.headcount * 0.96 * (SELECT scale FROM demo_params))::int)) AS i
    CROSS JOIN LATERAL (SELECT pg_temp.r(u.unit_id || '-s' || i || 'role') AS x) rr
) s CROSS JOIN demo_names n;

CREATE TEMP TABLE demo_staff AS
SELECT s.staff_id, s.unit_id, s.role, p.skill, p.late_starter, p.ai, p.quality,
       pg_temp.r(s.staff_id || 'zeal') AS zeal
FROM staff s JOIN demo_profile p USING (unit_id) WHERE s.active;

-- ── Case records (~280,000 at scale 1, accepted 2025-10-01 … 2026-06-30) ─────────────────────────
INSERT INTO case_record
SELECT c.case_id, c.unit_id, c.prosecutor_id, CASE WHEN pg_temp.r(c.case_id || 'k') < 0.5 THEN 'case' ELSE 'matter' END,
       c.accepted_on,
       CASE WHEN c.accepted_on < DATE '2026-01-01' THEN
                CASE WHEN pg_temp.r(c.case_id || 'ne') < 0.25 * (1 - c.skill) THEN NULL
                     ELSE DATE '2025-11-20' + floor(pg_temp.r(c.case_id || 'ed') * (20 + 60 * (1 - c.skill) + CASE WHEN c.late_starter THEN 30 ELSE 0 END))::int END
            ELSE c.accepted_on + floor(pg_temp.r(c.case_id || 'ed') * 3)::int END,
       pg_temp.r(c.case_id || 'e2e') < CASE WHEN c.accepted_on < DATE '2026-01-01' THEN 0.3
            ELSE least(1.0, 0.86 + 0.16 * c.skill - CASE WHEN c.late_starter AND c.accepted_on < DATE '2026-02-15' THEN 0.25 ELSE 0 END) END,
       CASE WHEN pg_temp.r(c.case_id || 'mf') < 0.12 * (1 - c.quality) THEN 1 + floor(pg_temp.r(c.case_id || 'mfn') * 3)::int ELSE 0 END,
       CASE WHEN pg_temp.r(c.case_id || 'er') < 0.08 * (1 - c.quality) THEN 1 + floor(pg_temp.r(c.case_id || 'ern') * 2)::int ELSE 0 END,
       CASE WHEN c.accepted_on < DATE '2026-06-30' - 75 AND pg_temp.r(c.case_id || 'st') < 0.7 THEN 'closed' ELSE 'open' END,
       least(DATE '2026-06-30', c.accepted_on + floor(pg_temp.r(c.case_id || 'lu') * (20 + 100 * c.quality))::int)
FROM (
    SELECT s.staff_id || '-c' || lpad(k::text, 3, '0') AS case_id, s.unit_id, s.staff_id AS prosecutor_id, s.skill,
           s.late_starter, s.quality,
           DATE '2025-10-01' + floor(pg_temp.r(s.staff_id || 'c' || k) * 273)::int AS accepted_on
    FROM demo_staff s
    CROSS JOIN LATERAL generate_series(1, floor(6 + pg_temp.r(s.staff_id || 'load') * 42)::int) AS k
    WHERE s.role = 'prosecutor'
) c;

-- ── Procedural documents (about three per record) ───────────────────────────────────────────────
INSERT INTO procedural_document
SELECT c.case_id || '-v' || k, c.case_id, c.unit_id,
       least(DATE '2026-06-30', c.accepted_on + (k - 1) * 12 + floor(pg_temp.r(c.case_id || 'vd' || k) * 8)::int),
       pg_temp.r(c.case_id || 'sig' || k) < 0.55 + 0.45 * p.skill,
       pg_temp.r(c.case_id || 'el' || k) < 0.7 + 0.3 * p.skill
FROM case_record c JOIN demo_profile p USING (unit_id)
CROSS JOIN LATERAL generate_series(1, 1 + floor(pg_temp.r(c.case_id || 'nd') * 4)::int) AS k;

-- ── Trainings ───────────────────────────────────────────────────────────────────────────────────
INSERT INTO training_session
SELECT u.unit_id || '-t' || t.topic || k, u.unit_id, t.topic,
       DATE '2025-12-12' + floor(pg_temp.r(u.unit_id || t.topic || k || 'day') * (60 + 140 * (1 - p.skill)))::int,
       CASE t.topic WHEN 'qlahs' THEN 'Tập huấn sử dụng nền tảng Quản lý án hình sự – đợt ' || k
                    ELSE 'Chuyên đề ứng dụng trí tuệ nhân tạo trong công tác kiểm sát – đợt ' || k END,
       CASE WHEN pg_temp.r(u.unit_id || t.topic || k || 'fmt') < 0.45 THEN 'hands_on'
            WHEN pg_temp.r(u.unit_id || t.topic || k || 'fmt') < 0.8 THEN 'class' ELSE 'seminar' END,
       5 + floor(pg_temp.r(u.unit_id || t.topic || k || 'n') * 40)::int
FROM unit u JOIN demo_profile p USING (unit_id)
CROSS JOIN (VALUES ('qlahs'), ('ai')) AS t(topic)
CROSS JOIN LATERAL generate_series(1, floor((CASE t.topic WHEN 'ai' THEN p.ai ELSE p.skill END) * 3.4)::int) AS k;

-- ── LuyenAI: days studied from a start day, level rising with practice ───────────────────────────
CREATE TEMP TABLE demo_learner AS
SELECT staff_id, unit_id,
       DATE '2025-10-15' + floor(pg_temp.r(staff_id || 'start') * (30 + 200 * (1 - 0.6 * ai - 0.4 * zeal)))::int
           + CASE WHEN late_starter THEN 45 ELSE 0 END AS start_day,
       0.15 + 0.6 * zeal * (0.5 + 0.5 * ai) AS freq,
       4 + floor(pg_temp.r(staff_id || 'pace') * 9)::int AS pace
FROM demo_staff
WHERE pg_temp.r(staff_id || 'never') > 0.04 + 0.2 * (1 - ai);

INSERT INTO luyenai_daily
SELECT staff_id, day, least(10, 1 + (row_number() OVER (PARTITION BY staff_id ORDER BY day))::int / pace),
       10 + floor(pg_temp.r(staff_id || day || 'min') * 50)::int
FROM demo_learner l
CROSS JOIN LATERAL generate_series(l.start_day, DATE '2026-06-30', interval '1 day') AS g(ts)
CROSS JOIN LATERAL (SELECT g.ts::date AS day) d
WHERE pg_temp.r(staff_id || day) < l.freq;

-- ── Platform use by leaders and prosecutors (working days) ───────────────────────────────────────
INSERT INTO platform_usage
SELECT s.staff_id, d.day, 1 + floor(pg_temp.r(s.staff_id || d.day || 'a') * 30)::int
FROM demo_staff s
CROSS JOIN LATERAL (SELECT DATE '2025-12-15' + floor(pg_temp.r(s.staff_id || 'pu') * (10 + 80 * (1 - s.skill)))::int
                           + CASE WHEN s.late_starter THEN 40 ELSE 0 END AS first_day) f
CROSS JOIN LATERAL generate_series(f.first_day, DATE '2026-06-30', interval '1 day') AS g(ts)
CROSS JOIN LATERAL (SELECT g.ts::date AS day) d
WHERE s.role IN ('leader', 'prosecutor') AND extract(isodow FROM d.day) < 6
  AND pg_temp.r(s.staff_id || 'pf') > 0.03
  AND pg_temp.r(s.staff_id || d.day || 'u') < 0.35 + 0.4 * s.zeal;

-- ── Initiatives, core groups, infrastructure ─────────────────────────────────────────────────────
INSERT INTO initiative
SELECT u.unit_id || '-i' || k, u.unit_id, CASE WHEN k % 2 = 0 THEN 'ai' ELSE 'qlahs' END,
       CASE WHEN k % 2 = 0 THEN 'Bộ mẫu lệnh (prompt) hỗ trợ soạn thảo cáo trạng' ELSE 'Quy trình rà soát, chuẩn hóa dữ liệu án trên QLAHS' END,
       CASE WHEN pg_temp.r(u.unit_id || k || 'rec') < 0.75 THEN DATE '2026-01-05' + floor(pg_temp.r(u.unit_id || k || 'rd') * 170)::int END,
       pg_temp.r(u.unit_id || k || 'use') < 0.7
FROM unit u JOIN demo_profile p USING (unit_id)
CROSS JOIN LATERAL generate_series(1, floor(p.ai * p.skill * 3.2)::int) AS k;

INSERT INTO core_group
SELECT u.unit_id || '-g' || k, u.unit_id, CASE WHEN k = 1 THEN 'core_learners' ELSE 'tech_support' END,
       DATE '2025-12-15' + floor(pg_temp.r(u.unit_id || k || 'g') * 90)::int
FROM unit u JOIN demo_profile p USING (unit_id)
CROSS JOIN LATERAL generate_series(1, CASE WHEN p.ai > 0.25 THEN 2 ELSE 0 END) AS k;

INSERT INTO core_group_member
SELECT g.group_id, s.staff_id
FROM core_group g
CROSS JOIN LATERAL (SELECT staff_id FROM demo_staff d WHERE d.unit_id = g.unit_id
                    ORDER BY md5(staff_id || g.group_id) LIMIT 3 + floor(pg_temp.r(g.group_id) * 5)::int) s;

INSERT INTO infrastructure
SELECT u.unit_id, it.item, req, CASE WHEN late_never THEN req - 1 ELSE req END,
       CASE WHEN late_never THEN NULL ELSE done END
FROM unit u JOIN demo_profile p USING (unit_id)
CROSS JOIN unnest(ARRAY['lan', 'wan', 'scanner', 'signature_token']) AS it(item)
CROSS JOIN LATERAL (SELECT 1 + floor(pg_temp.r(u.unit_id || it.item) * 12)::int AS req,
                           pg_temp.r(u.unit_id || it.item || 'never') < 0.05 * (1 - p.skill) AS late_never,
                           DATE '2025-11-20' + floor(pg_temp.r(u.unit_id || it.item || 'done') * (25 + 40 * (1 - p.skill))
                               + CASE WHEN p.late_starter THEN 20 ELSE 0 END)::int AS done) x;

-- ── Discipline (a few), dossiers ─────────────────────────────────────────────────────────────────
INSERT INTO discipline
SELECT staff_id, CASE WHEN pg_temp.r(staff_id || 'ds') < 0.6 THEN 'disciplined' ELSE 'under_review' END,
       DATE '2025-09-01' + floor(pg_temp.r(staff_id || 'df') * 250)::int,
       CASE WHEN pg_temp.r(staff_id || 'dt') < 0.3 THEN DATE '2025-11-30' END
FROM demo_staff WHERE pg_temp.r(staff_id || 'disc') < 0.0015;

INSERT INTO award_dossier
SELECT 'HS-' || n.nominee_id, n.kind, n.nominee_id, CASE WHEN pg_temp.r(n.nominee_id || 'lvl') < 0.85 THEN 'bang_khen' ELSE 'giay_khen' END,
       CASE WHEN x < 0.12 THEN NULL
            WHEN x < 0.2 THEN DATE '2026-06-30' + floor(pg_temp.r(n.nominee_id || 'late') * 5)::int
            ELSE DATE '2026-05-20' + floor(pg_temp.r(n.nominee_id || 'sub') * 40)::int END,
       pg_temp.r(n.nominee_id || 'p1') > 0.04, pg_temp.r(n.nominee_id || 'p2') > 0.06,
       pg_temp.r(n.nominee_id || 'p3') > 0.05, pg_temp.r(n.nominee_id || 'p4') > 0.1
FROM (
    SELECT unit_id AS nominee_id, 'unit' AS kind FROM demo_profile WHERE skill > 0.8
    UNION ALL
    SELECT staff_id, 'staff' FROM demo_staff WHERE zeal > 0.993
) n CROSS JOIN LATERAL (SELECT pg_temp.r(n.nominee_id || 'when') AS x) w;

-- ── The second half of 2026 (issue 23): 1 July … 29 November 2026 ─────────────────────────────────
-- For plan 2 (plans/KH-TD-6T-2026.yaml). Everything above stops at 30 June 2026 and is left as it
-- is, so plan 251's replays of its own period read the same rows: the rows below are new (keys of
-- their own: case '-h', session '-t2', initiative '-j') and dated after 30 June, which a run as of a
-- day in plan 251's period never reads (PLAN-LANGUAGE.md §13 "Replays"). The one change to existing
-- rows: records still open whose last update is on or after 1 June, and that have no missing field
-- and no error, are closed (or not) in the second half. Such a record was never stale for plan 251
-- on a day up to 30 June (stale needs last_updated_on ≤ E − 30 ≤ 31 May), with its last update after
-- 30 June it still is not, and it is on no list of records to fix (those print last_updated_on as it
-- is now). Every other record stays exactly as it is: an open one untouched since before June stays
-- in plan 2's backlog and is not cleared.
-- `psql -v first_half_only=1` leaves this part out (the test that plan 251 does not move compares the two).
\if :{?first_half_only}
\else
CREATE TEMP TABLE demo_h2 AS
SELECT unit_id,
       0.5 * skill + 0.5 * pg_temp.r(unit_id || 'h2') AS drive,      -- 0 laggard .. 1 leader in H2
       0.6 * skill + 0.4 * pg_temp.r(unit_id || 'sig2') AS sign,     -- signatures around the 95% line
       pg_temp.r(unit_id || 'ai2') AS ai2,                           -- AI classes: early, late, too few
       pg_temp.r(unit_id || 'nomatter') < 0.08 AS no_matters,        -- accepts no matters in H2
       pg_temp.r(unit_id || 'push') < CASE WHEN quality > 0.8 THEN 0.6 ELSE 0.1 END AS push,  -- clears in a last-fortnight push
       0.25 + 0.75 * pg_temp.r(unit_id || 'keep') AS keep            -- how well LuyenAI study keeps up
FROM demo_profile;

-- Backlog (and June's intake) closed in H2: a unit-dependent share, at a unit-dependent tempo.
UPDATE case_record c
SET status = 'closed',
    last_updated_on = CASE WHEN h.push THEN DATE '2026-11-16' + floor(pg_temp.r(c.case_id || 'cd2') * 14)::int
                           ELSE DATE '2026-07-01' + floor(152 * power(pg_temp.r(c.case_id || 'cd2'), 0.6 + 1.4 * h.drive))::int END
FROM demo_h2 h
WHERE h.unit_id = c.unit_id AND c.status = 'open' AND c.last_updated_on >= DATE '2026-06-01'
  AND c.accepted_on <= DATE '2026-06-30' AND c.missing_required_fields = 0 AND c.error_count = 0
  AND pg_temp.r(c.case_id || 'close2') < CASE WHEN h.push THEN 0.97 ELSE 0.15 + 0.8 * h.drive END;

-- Cases and matters accepted 1 July … 29 November, as many per prosecutor as in the first half.
INSERT INTO case_record
SELECT c.case_id, c.unit_id, c.prosecutor_id, c.kind, c.accepted_on,
       c.accepted_on + floor(pg_temp.r(c.case_id || 'ed') * 3)::int,
       pg_temp.r(c.case_id || 'e2e') < CASE WHEN c.kind = 'case'
            THEN 0.80 + 0.22 * c.drive - CASE WHEN c.late_starter AND c.accepted_on < DATE '2026-08-15' THEN 0.2 ELSE 0 END
            ELSE 0.72 + 0.3 * pg_temp.r(c.unit_id || 'm2') END,
       CASE WHEN pg_temp.r(c.case_id || 'mf') < 0.12 * (1 - c.quality) THEN 1 + floor(pg_temp.r(c.case_id || 'mfn') * 3)::int ELSE 0 END,
       CASE WHEN pg_temp.r(c.case_id || 'er') < 0.08 * (1 - c.quality) THEN 1 + floor(pg_temp.r(c.case_id || 'ern') * 2)::int ELSE 0 END,
       CASE WHEN c.accepted_on < DATE '2026-11-29' - 75 AND pg_temp.r(c.case_id || 'st') < 0.7 THEN 'closed' ELSE 'open' END,
       least(DATE '2026-11-29', c.accepted_on + floor(pg_temp.r(c.case_id || 'lu') * (20 + 100 * c.quality))::int)
FROM (
    SELECT x.*, CASE WHEN h.no_matters OR pg_temp.r(x.case_id || 'k') < 0.5 THEN 'case' ELSE 'matter' END AS kind, h.drive
    FROM (
        SELECT s.staff_id || '-h' || lpad(k::text, 3, '0') AS case_id, s.unit_id, s.staff_id AS prosecutor_id,
               s.late_starter, s.quality,
               DATE '2026-07-01' + floor(pg_temp.r(s.staff_id || 'h' || k) * 152)::int AS accepted_on
        FROM demo_staff s
        CROSS JOIN LATERAL generate_series(1, floor((6 + pg_temp.r(s.staff_id || 'load') * 42) * 152 / 273)::int) AS k
        WHERE s.role = 'prosecutor'
    ) x JOIN demo_h2 h USING (unit_id)
) c;

-- Their documents, issued up to 29 November; signed around the 95% line.
INSERT INTO procedural_document
SELECT c.case_id || '-v' || k, c.case_id, c.unit_id, v.issued_on,
       pg_temp.r(c.case_id || 'sig' || k) < 0.905 + 0.09 * h.sign,
       pg_temp.r(c.case_id || 'el' || k) < 0.8 + 0.2 * h.sign
FROM case_record c JOIN demo_h2 h USING (unit_id)
CROSS JOIN LATERAL generate_series(1, 1 + floor(pg_temp.r(c.case_id || 'nd') * 4)::int) AS k
CROSS JOIN LATERAL (SELECT c.accepted_on + (k - 1) * 12 + floor(pg_temp.r(c.case_id || 'vd' || k) * 8)::int AS issued_on) v
WHERE c.accepted_on >= DATE '2026-07-01' AND v.issued_on <= DATE '2026-11-29';

-- AI sessions (plan 2 counts classes: two by 31 October, in November, or too few) and a few QLAHS ones.
INSERT INTO training_session
SELECT u.unit_id || '-t2' || t.topic || k, u.unit_id, t.topic, d.held_on,
       CASE t.topic WHEN 'qlahs' THEN 'Tập huấn nâng cao nền tảng Quản lý án hình sự – đợt ' || k
                    ELSE 'Lớp bồi dưỡng kỹ năng ứng dụng trí tuệ nhân tạo – lớp ' || k END,
       CASE WHEN pg_temp.r(u.unit_id || t.topic || k || 'fmt2') < 0.85 THEN 'class'
            WHEN pg_temp.r(u.unit_id || t.topic || k || 'fmt2') < 0.93 THEN 'hands_on' ELSE 'seminar' END,
       8 + floor(pg_temp.r(u.unit_id || t.topic || k || 'n2') * 40)::int
FROM unit u JOIN demo_h2 h USING (unit_id) JOIN demo_profile p USING (unit_id)
CROSS JOIN (VALUES ('qlahs'), ('ai')) AS t(topic)
CROSS JOIN LATERAL generate_series(1, floor(CASE t.topic WHEN 'ai' THEN 1.6 + h.ai2 * 2.8 ELSE p.skill * 2 END)::int) AS k
CROSS JOIN LATERAL (SELECT DATE '2026-07-01' + floor(pg_temp.r(u.unit_id || t.topic || k || 'day2') * (30 + 190 * (1 - h.ai2)))::int AS held_on) d
WHERE d.held_on <= DATE '2026-12-31';

-- LuyenAI goes on where it stopped (levels keep rising with practice), more or less keenly by unit;
-- some learners drop out, and some who never studied start.
CREATE TEMP TABLE demo_learner2 AS
SELECT l.staff_id, greatest(DATE '2026-07-01', l.start_day) AS start_day,
       CASE WHEN pg_temp.r(l.staff_id || 'quit2') < 0.35 * (1 - h.keep)
            THEN DATE '2026-07-01' + floor(pg_temp.r(l.staff_id || 'quitday') * 150)::int ELSE DATE '2026-11-29' END AS stop_day,
       l.freq * (0.4 + 0.6 * h.keep) AS freq, l.pace, coalesce(n.days, 0) AS days_before
FROM demo_learner l JOIN demo_h2 h USING (unit_id)
LEFT JOIN (SELECT staff_id, count(*) AS days FROM luyenai_daily GROUP BY staff_id) n USING (staff_id)
UNION ALL
SELECT s.staff_id, DATE '2026-07-01' + floor(pg_temp.r(s.staff_id || 'join2') * 120)::int, DATE '2026-11-29',
       0.2 + 0.3 * s.zeal, 3 + floor(pg_temp.r(s.staff_id || 'pace2') * 6)::int, 0
FROM demo_staff s JOIN demo_h2 h USING (unit_id)
WHERE NOT EXISTS (SELECT 1 FROM demo_learner l WHERE l.staff_id = s.staff_id)
  AND pg_temp.r(s.staff_id || 'joins2') < 0.6 * h.keep;

INSERT INTO luyenai_daily
SELECT staff_id, day, least(10, 1 + (days_before + row_number() OVER (PARTITION BY staff_id ORDER BY day))::int / pace),
       10 + floor(pg_temp.r(staff_id || day || 'min') * 50)::int
FROM demo_learner2 l
CROSS JOIN LATERAL generate_series(l.start_day, l.stop_day, interval '1 day') AS g(ts)
CROSS JOIN LATERAL (SELECT g.ts::date AS day) d
WHERE pg_temp.r(staff_id || day) < l.freq;

-- Initiatives recognized in H2.
INSERT INTO initiative
SELECT u.unit_id || '-j' || k, u.unit_id, CASE WHEN k % 2 = 1 THEN 'ai' ELSE 'qlahs' END,
       CASE WHEN k % 2 = 1 THEN 'Trợ lý AI tóm tắt hồ sơ vụ án' ELSE 'Bảng theo dõi hồ sơ tồn đọng trên QLAHS' END,
       CASE WHEN pg_temp.r(u.unit_id || k || 'rec2') < 0.7 THEN DATE '2026-07-10' + floor(pg_temp.r(u.unit_id || k || 'rd2') * 140)::int END,
       pg_temp.r(u.unit_id || k || 'use2') < 0.6
FROM unit u JOIN demo_h2 h USING (unit_id)
CROSS JOIN LATERAL generate_series(1, floor(h.ai2 * h.drive * 3)::int) AS k;
\endif

-- Every training session of both halves: a trainer, an organizer and up to four attendees of its unit.
INSERT INTO training_role
SELECT t.session_id, s.staff_id, CASE WHEN s.rn = 1 THEN 'trainer' WHEN s.rn = 2 THEN 'organizer' ELSE 'attendee' END
FROM training_session t
CROSS JOIN LATERAL (
    SELECT staff_id, row_number() OVER (ORDER BY md5(staff_id || t.session_id)) AS rn
    FROM demo_staff d WHERE d.unit_id = t.unit_id
    ORDER BY md5(staff_id || t.session_id) LIMIT 6
) s;

-- The authors of every initiative, of both halves: one to three staff of its unit.
INSERT INTO initiative_author
SELECT i.initiative_id, s.staff_id
FROM initiative i
CROSS JOIN LATERAL (SELECT staff_id FROM demo_staff d WHERE d.unit_id = i.unit_id
                    ORDER BY md5(staff_id || i.initiative_id) LIMIT 1 + floor(pg_temp.r(i.initiative_id) * 3)::int) s;

-- ── Planted anomalies (SPEC §3): each must be listed in anomalies.csv ────────────────────────────
INSERT INTO unit VALUES ('x01', 'Phòng thử nghiệm (loại đơn vị không hợp lệ)', 'phong_ban', NULL, 10);
INSERT INTO unit VALUES ('x02', 'VKSND khu vực đặt sai cấp trên', 'regional', 'spp05', 20);
INSERT INTO unit VALUES ('x03', 'Đơn vị chưa có biên chế', 'spp_unit', NULL, 0);
UPDATE unit SET headcount = 1 WHERE unit_id = 'spp22';
INSERT INTO staff VALUES ('spp22-x1', 'Phóng viên Lê Thu Hà', 'spp22', 'other', false, true),
                         ('spp22-x2', 'Biên tập viên Ngô Minh Tâm', 'spp22', 'other', false, true);
INSERT INTO staff VALUES ('x-s1', 'Cán bộ vai trò lạ', 'p02', 'thu_ky', false, true);
INSERT INTO staff VALUES ('x-s2', 'Cán bộ ngoài danh mục đơn vị', 'p99', 'prosecutor', true, true);
INSERT INTO luyenai_daily SELECT staff_id, d, 6, 30 FROM staff s CROSS JOIN (VALUES (DATE '2025-12-20'), (DATE '2025-12-21')) v(d)
    WHERE s.unit_id = 'spp22' AND s.active ON CONFLICT (staff_id, day) DO UPDATE SET level = 6;
INSERT INTO case_record VALUES ('x-c1', 'p03-r01', NULL, 'vu_an', '2026-02-01', '2026-02-01', true, 0, 0, 'open', '2026-02-01');
INSERT INTO case_record VALUES ('x-c2', 'p03-r01', NULL, 'case', '2026-02-02', '2026-02-02', true, -1, 0, 'open', '2026-02-02');
INSERT INTO case_record VALUES ('x-c3', 'p03-r01', NULL, 'case', '1900-01-01', NULL, false, 0, 0, 'open', '1900-01-01');
INSERT INTO training_session VALUES ('x-t1', 'p04', 'excel', '2026-02-01', 'Chủ đề không có trong kế hoạch', 'class', 12);
INSERT INTO training_session VALUES ('x-t2', 'p04', 'ai', '2026-02-02', 'Số người dự âm', 'class', -3);
INSERT INTO luyenai_daily VALUES ('p05-s0001', '2026-03-03', 2, -15) ON CONFLICT (staff_id, day) DO UPDATE SET minutes = -15;
INSERT INTO infrastructure VALUES ('p06', 'printer', 2, 2, '2025-12-01');
INSERT INTO discipline VALUES ('p07-s0001', 'warning', '2026-01-10', NULL);

ANALYZE;
