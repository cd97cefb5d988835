-- bench/generate.sql — fills an expertpool database with synthetic data for the scale benchmark
-- (bench/scale): 105,000 expert accounts, each with an application (one submitted version, its
-- events and taxonomy index); 100,000 of them approved, with their entry in the pool, its events
-- and index, and a valid certificate; the other 5,000 waiting in the review queue (2,500
-- submitted, 500 being reviewed) or rejected (2,000); the audit entries of all that (about
-- 310,000), and about 2,700 change requests. The search dictionary is left to `expertpool-admin
-- reindex-search`, which bench/scale runs next, as an operator would after migration 004. Run
-- as root with the mariadb client on a database that has the taxonomy loaded and at least one
-- real submitted application:
--
--   mariadb … expertpool < bench/generate.sql
--
-- Only SQL, set-based (INSERT … SELECT over the sequence engine's seq_1_to_105000): no key or
-- constraint check is turned off. Every value is derived from the row number, so two runs give
-- the same data (apart from times, which follow NOW()).
--
-- What SQL cannot make is borrowed from the first real application: the ID number is encrypted
-- with the instance's key, so every synthetic row carries a copy of that application's
-- ciphertext (the lists and the export decrypt it like any other); id_hash, the keyed hash behind
-- the one-application-per-person rule, stays NULL on synthetic rows, as the unique key allows.
-- The photo (a file id) and the password hash are borrowed the same way; no file is added.
--
-- Numbers follow the default formats: expert ZJ{year}{seq:5}, certificate ZS{year}{seq:6}, with
-- the year and sequence of the approval, and the counters are set past them, so that the next
-- real approval continues the numbering. The pool spans the last 720 days, so that every
-- certificate (valid 2 years) is still valid.

SET NAMES utf8mb4;
SET time_zone = '+00:00';
SET @started = SYSDATE(6);

-- ---- what is borrowed, and where the new rows start -------------------------------------------

SELECT a.id_type, a.id_number_enc, JSON_VALUE(a.data, '$.photo'), u.password_hash
  INTO @id_type, @id_enc, @photo, @password_hash
  FROM applications a JOIN users u ON u.id = a.user_id
  WHERE a.status <> 'draft' AND a.id_number_enc IS NOT NULL ORDER BY a.id LIMIT 1;

DELIMITER //
BEGIN NOT ATOMIC
  IF @id_enc IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'generate.sql needs one real submitted application (its encrypted ID number is copied)';
  END IF;
  IF (SELECT COUNT(*) FROM taxonomy WHERE kind IN ('specialty', 'direction')) = 0 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'generate.sql needs the taxonomy (expertpool-admin load-taxonomy)';
  END IF;
  IF (SELECT COUNT(*) FROM experts) > 0 OR (SELECT COUNT(*) FROM applications) > 100 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'generate.sql is for a fresh benchmark database';
  END IF;
END //
DELIMITER ;

SET @user0 = (SELECT IFNULL(MAX(id), 0) FROM users);
SET @app0 = (SELECT IFNULL(MAX(id), 0) FROM applications);
SET @expert0 = (SELECT IFNULL(MAX(id), 0) FROM experts);
-- the reviewer who decided: the first staff account with the reviewer role, if any
SET @reviewer = (SELECT MIN(id) FROM users WHERE (roles & 2) <> 0);
SET @department = IFNULL((SELECT department FROM users WHERE id = @reviewer), '建设工程处');
SET @start = NOW() - INTERVAL 720 DAY;

-- ---- word lists ---------------------------------------------------------------------------------

CREATE TEMPORARY TABLE w_surname (k INT PRIMARY KEY, v VARCHAR(4)) SELECT k, v FROM JSON_TABLE(
  '["王","李","张","刘","陈","杨","黄","赵","吴","周","徐","孙","马","朱","胡","郭","何","高","林","罗",
    "郑","梁","谢","宋","唐","许","韩","冯","邓","曹","彭","曾","肖","田","董","袁","潘","于","蒋","蔡",
    "余","杜","叶","程","苏","魏","吕","丁","任","沈","姚","卢","姜","崔","钟","谭","陆","汪","范","金",
    "石","廖","贾","夏","韦","付","方","白","邹","孟","熊","秦","邱","江","尹","薛","闫","段","雷","侯",
    "龙","史","陶","黎","贺","顾","毛","郝","龚","邵","万","钱","严","覃","武","戴","莫","孔","向","欧阳"]',
  '$[*]' COLUMNS (k FOR ORDINALITY, v VARCHAR(4) PATH '$')) j;
CREATE TEMPORARY TABLE w_male (k INT PRIMARY KEY, v VARCHAR(4)) SELECT k, v FROM JSON_TABLE(
  '["建国","志强","伟","军","勇","磊","涛","明","超","强","建华","国强","文","斌","海","俊","鹏","杰",
    "振华","立新","晓东","建军","卫东","永刚","海涛","宏伟","志刚","国庆","春生","建平","小龙","长江",
    "德明","学军","国平","红军","建新","文杰","俊杰","浩","宇","晨","凯","毅","峰","波","辉","刚",
    "亮","林","东","平","健","维","志明","永强","立军","跃进","新民","少华","伟民","国华","海波","金龙"]',
  '$[*]' COLUMNS (k FOR ORDINALITY, v VARCHAR(4) PATH '$')) j;
CREATE TEMPORARY TABLE w_female (k INT PRIMARY KEY, v VARCHAR(4)) SELECT k, v FROM JSON_TABLE(
  '["丽","芳","娜","敏","静","秀英","丽娟","艳","霞","玲","桂英","红","燕","洁","琳","颖","慧","晓燕",
    "雪梅","海燕","春梅","晓红","秀兰","淑珍","玉兰","晶","婷","倩","莉","萍","文静","红梅","小红",
    "丹","蕾","雅琴","凤英","丽华","美玲","佳"]',
  '$[*]' COLUMNS (k FOR ORDINALITY, v VARCHAR(4) PATH '$')) j;
-- employers: 20 cities × 15 kinds of unit = 300 names
CREATE TEMPORARY TABLE w_city (k INT PRIMARY KEY, v VARCHAR(8), district VARCHAR(8)) SELECT k, v, district FROM JSON_TABLE(
  '[["杭州","西湖区"],["宁波","鄞州区"],["温州","鹿城区"],["嘉兴","南湖区"],["湖州","吴兴区"],
    ["绍兴","越城区"],["金华","婺城区"],["衢州","柯城区"],["舟山","定海区"],["台州","椒江区"],
    ["丽水","莲都区"],["上海","徐汇区"],["南京","鼓楼区"],["苏州","姑苏区"],["合肥","蜀山区"],
    ["福州","鼓楼区"],["厦门","思明区"],["南昌","东湖区"],["武汉","武昌区"],["广州","天河区"]]',
  '$[*]' COLUMNS (k FOR ORDINALITY, v VARCHAR(8) PATH '$[0]', district VARCHAR(8) PATH '$[1]')) j;
CREATE TEMPORARY TABLE w_unit (k INT PRIMARY KEY, v VARCHAR(40)) SELECT k, v FROM JSON_TABLE(
  '["市建筑设计研究院有限公司","市政工程设计研究院","市城市规划设计研究院","市测绘与地理信息研究院",
    "市交通规划设计院有限公司","市水利水电勘测设计院","市建设工程质量安全监督站","市建工集团有限公司",
    "市园林设计院有限公司","市勘察测绘研究院","市环境科学研究院","市工程咨询有限公司",
    "市城建职业技术学院","市公路与运输管理中心","市自然资源和规划局"]',
  '$[*]' COLUMNS (k FOR ORDINALITY, v VARCHAR(40) PATH '$')) j;
CREATE TEMPORARY TABLE w_school (k INT PRIMARY KEY, v VARCHAR(20)) SELECT k, v FROM JSON_TABLE(
  '["同济大学","浙江大学","东南大学","清华大学","天津大学","华南理工大学","重庆大学","哈尔滨工业大学",
    "西安建筑科技大学","武汉大学","河海大学","中国地质大学","南京林业大学","湖南大学","合肥工业大学",
    "浙江工业大学","苏州科技大学","长安大学"]',
  '$[*]' COLUMNS (k FOR ORDINALITY, v VARCHAR(20) PATH '$')) j;
CREATE TEMPORARY TABLE w_position (k INT PRIMARY KEY, v VARCHAR(10)) SELECT k, v FROM JSON_TABLE(
  '["总工程师","副总工程师","技术负责人","项目负责人","所长","主任工程师","院长","部门经理","教授","高级工程师"]',
  '$[*]' COLUMNS (k FOR ORDINALITY, v VARCHAR(10) PATH '$')) j;
-- the selectable leaves in tree order, with their group and domain and their path
CREATE TEMPORARY TABLE w_leaf (k INT PRIMARY KEY, id INT UNSIGNED, group_id INT UNSIGNED,
  domain_id INT UNSIGNED, name VARCHAR(60), group_name VARCHAR(60), path VARCHAR(200))
  SELECT ROW_NUMBER() OVER (ORDER BY d.sort, g.sort, l.sort, l.id) AS k, l.id, g.id AS group_id,
         d.id AS domain_id, l.name, g.name AS group_name, CONCAT(d.name, ' / ', g.name, ' / ', l.name) AS path
  FROM taxonomy l JOIN taxonomy g ON g.id = l.parent_id JOIN taxonomy d ON d.id = g.parent_id
  WHERE l.kind IN ('specialty', 'direction') AND l.active = 1;

SELECT COUNT(*) INTO @n_surname FROM w_surname;
SELECT COUNT(*) INTO @n_male FROM w_male;
SELECT COUNT(*) INTO @n_female FROM w_female;
SELECT COUNT(*) INTO @n_city FROM w_city;
SELECT COUNT(*) INTO @n_unit FROM w_unit;
SELECT COUNT(*) INTO @n_school FROM w_school;
SELECT COUNT(*) INTO @n_position FROM w_position;
SELECT COUNT(*) INTO @n_leaf FROM w_leaf;

-- ---- one row per synthetic person ---------------------------------------------------------------
-- Every 21st is not approved (5,000 of 105,000); of those, by the next digit: 0–4 submitted,
-- 5 reviewing, 6–9 rejected. Submissions follow the row number over 700 days; the waiting ones
-- came in during the last 30 days.

CREATE TEMPORARY TABLE gen (
  i INT PRIMARY KEY, uid BIGINT UNSIGNED, aid BIGINT UNSIGNED, eid BIGINT UNSIGNED NULL,
  status VARCHAR(12), name VARCHAR(10), gender VARCHAR(2), birth DATE, employed TINYINT,
  city VARCHAR(8), district VARCHAR(8), residence VARCHAR(40), employer VARCHAR(60), position VARCHAR(10),
  school VARCHAR(20),
  level VARCHAR(4), title VARCHAR(10), remote TINYINT, political VARCHAR(8), leaves INT,
  leaf1 INT, leaf2 INT, leaf3 INT, leaf4 INT, submitted_at DATETIME, decided_at DATETIME,
  years INT, version INT, h1 BIGINT, h2 BIGINT, h3 BIGINT,
  KEY gen_eid (eid)
) ENGINE=InnoDB;

INSERT INTO gen
SELECT d.i, @user0 + d.i, @app0 + d.i,
       IF(d.other, NULL, @expert0 + d.i - d.i DIV 21),
       d.status,
       CONCAT(s.v, IF(d.h2 % 5 = 0, f.v, m.v)), IF(d.h2 % 5 = 0, '女', '男'),
       d.birth, TIMESTAMPDIFF(YEAR, d.birth, CURDATE()) < 60 OR d.h3 % 3 <> 0,
       c.v, c.district, CONCAT(c.v, '市', c.district, '建设路', 1 + d.h3 % 300, '号'), CONCAT(c.v, u.v), p.v, sc.v,
       ELT(1 + (d.lvl >= 25) + (d.lvl >= 70) + (d.lvl >= 95), '正高级', '副高级', '中级', '初级'),
       ELT(1 + (d.lvl >= 25) + (d.lvl >= 70) + (d.lvl >= 95),
           IF(d.lvl % 3 = 0, '研究员', '正高级工程师'), IF(d.lvl % 4 = 0, '高级经济师', '高级工程师'),
           '工程师', '助理工程师'),
       (d.h2 DIV 720) % 10 < 7, IF((d.h3 DIV 11) % 5 < 3, '中共党员', '群众'),
       d.nleaf, d.leaf0, IF(d.nleaf >= 2, (d.leaf0 % @n_leaf) + 1, NULL),
       IF(d.nleaf >= 3, ((d.leaf0 + 1) % @n_leaf) + 1, NULL),
       IF(d.nleaf >= 4, ((d.leaf0 + 2) % @n_leaf) + 1, NULL),
       d.submitted_at,
       CASE WHEN NOT d.other THEN d.submitted_at + INTERVAL 1 + d.h3 % 9 DAY + INTERVAL d.h1 % 28800 SECOND
            WHEN d.status = 'reviewing' THEN d.submitted_at + INTERVAL d.h3 % 3600 SECOND
            WHEN d.status = 'rejected' THEN d.submitted_at + INTERVAL 1 + d.h3 % 5 DAY
            ELSE NULL END,
       LEAST(TIMESTAMPDIFF(YEAR, d.birth, CURDATE()) - 23, 5 + d.h1 % 30),
       4 + d.h2 % 7, d.h1, d.h2, d.h3
FROM (
  SELECT x.*, x.i % 21 = 0 AS other,
         CASE WHEN x.i % 21 <> 0 THEN 'approved' WHEN (x.i DIV 21) % 10 < 5 THEN 'submitted'
              WHEN (x.i DIV 21) % 10 = 5 THEN 'reviewing' ELSE 'rejected' END AS status,
         IF(x.i % 21 = 0 AND (x.i DIV 21) % 10 < 6, NOW() - INTERVAL x.h1 % 2592000 SECOND,
            @start + INTERVAL x.i * 576 SECOND + INTERVAL x.h2 % 600 SECOND) AS submitted_at,
         CURDATE() - INTERVAL 30 + (x.h2 DIV 5) % 36 YEAR - INTERVAL x.h3 % 365 DAY AS birth,
         (x.h3 DIV 300) % 100 AS lvl, 1 + (x.h2 DIV 180) % 4 AS nleaf,
         1 + (x.h1 DIV 7919) % @n_leaf AS leaf0
  FROM (SELECT seq AS i, CRC32(CONCAT('a', seq)) AS h1, CRC32(CONCAT('b', seq)) AS h2,
               CRC32(CONCAT('c', seq)) AS h3 FROM seq_1_to_105000) x
) d
JOIN w_surname s ON s.k = 1 + d.h1 % @n_surname
JOIN w_male m ON m.k = 1 + (d.h1 DIV 101) % @n_male
JOIN w_female f ON f.k = 1 + (d.h1 DIV 101) % @n_female
JOIN w_city c ON c.k = 1 + d.h3 % @n_city
JOIN w_unit u ON u.k = 1 + (d.h3 DIV 20) % @n_unit
JOIN w_school sc ON sc.k = 1 + (d.h2 DIV 7) % @n_school
JOIN w_position p ON p.k = 1 + (d.h3 DIV 7) % @n_position;

-- the leaves of each person, one row each
CREATE TEMPORARY TABLE gen_leaf (i INT, pos INT, k INT, PRIMARY KEY (i, pos)) ENGINE=InnoDB
  SELECT i, 1 AS pos, leaf1 AS k FROM gen
  UNION ALL SELECT i, 2, leaf2 FROM gen WHERE leaf2 IS NOT NULL
  UNION ALL SELECT i, 3, leaf3 FROM gen WHERE leaf3 IS NOT NULL
  UNION ALL SELECT i, 4, leaf4 FROM gen WHERE leaf4 IS NOT NULL;
-- the index rows of each person: every leaf, its group and its domain, once each
CREATE TEMPORARY TABLE w_node (k INT, node_id INT UNSIGNED, KEY (k)) ENGINE=InnoDB
  SELECT k, id AS node_id FROM w_leaf UNION ALL SELECT k, group_id FROM w_leaf
  UNION ALL SELECT k, domain_id FROM w_leaf;
CREATE TEMPORARY TABLE gen_node (node_id INT UNSIGNED, i INT, PRIMARY KEY (node_id, i)) ENGINE=InnoDB
  SELECT DISTINCT n.node_id, gl.i FROM gen_leaf gl JOIN w_node n ON n.k = gl.k;
-- each person's specialties as the form keeps them (ids) and as a submission resolves them (paths)
CREATE TEMPORARY TABLE gen_spec (i INT PRIMARY KEY, ids TEXT, resolved TEXT, first_name VARCHAR(60),
  first_group VARCHAR(60)) ENGINE=InnoDB
  SELECT gl.i, CONCAT('[', GROUP_CONCAT(l.id ORDER BY gl.pos), ']') AS ids,
         CONCAT('[', GROUP_CONCAT('{"id":', l.id, ',"path":', JSON_QUOTE(l.path), '}' ORDER BY gl.pos), ']') AS resolved,
         MIN(IF(gl.pos = 1, l.name, NULL)) AS first_name, MIN(IF(gl.pos = 1, l.group_name, NULL)) AS first_group
  FROM gen_leaf gl JOIN w_leaf l ON l.k = gl.k GROUP BY gl.i;

-- ---- accounts and applications ------------------------------------------------------------------

INSERT INTO users (id, phone, name, password_hash, roles, created_at, password_changed_at, last_login_at)
SELECT uid, CONCAT('+8617', LPAD(i, 9, '0')), name, @password_hash, 1,
       submitted_at - INTERVAL 2 + h1 % 20 DAY, submitted_at - INTERVAL 2 + h1 % 20 DAY,
       LEAST(IFNULL(decided_at, submitted_at) + INTERVAL h2 % 100 DAY, NOW())
FROM gen ORDER BY i;

-- the form as the expert saved it (the ID number is in its encrypted column, not here), as compact
-- JSON like the programs write; every text goes through JSON_QUOTE
INSERT INTO applications (id, user_id, status, version, step, data, id_type, id_number_enc, id_hash,
  submitted_no, submitted_at, review_level, created_at, updated_at, name, employer)
SELECT g.aid, g.uid, g.status,
       g.version + 1 + (g.status <> 'submitted') + (g.status IN ('approved', 'rejected')),
       'preview',
       CONCAT('{"photo":', IFNULL(CAST(@photo AS UNSIGNED), 'null'),
         ',"name":', JSON_QUOTE(g.name), ',"gender":', JSON_QUOTE(g.gender),
         ',"id_type":', JSON_QUOTE(@id_type), ',"birth_date":"', g.birth, '"',
         ',"email":"', IF(g.h1 % 3 = 0, CONCAT('expert', g.i, '@example.com'), ''), '"',
         ',"political_status":', JSON_QUOTE(g.political),
         ',"employment":"', IF(g.employed, '在职', '退休'), '"',
         ',"employer":', JSON_QUOTE(g.employer), ',"employer_code":""',
         ',"position":', JSON_QUOTE(g.position), ',"specialty":', JSON_QUOTE(s.first_name),
         ',"specialty_years":', g.years,
         ',"honours":', IF(g.h2 % 17 = 0, '["省级突出贡献专家"]', '[]'),
         ',"residence":', JSON_QUOTE(g.residence), ',"health":"良好","region":"本级"',
         ',"remote":', IF(g.remote, 'true', 'false'),
         ',"entry_type":"', IF(g.h3 % 10 = 0, '续聘', '新增'), '"',
         ',"education":[{"school":', JSON_QUOTE(g.school), ',"major":', JSON_QUOTE(s.first_group),
           ',"degree":"', ELT(1 + g.h1 % 4, '大学本科', '硕士研究生', '大学本科', '博士研究生'), '"',
           ',"from":"', YEAR(g.birth) + 18, '-09","to":"', YEAR(g.birth) + 22, '-07"}]',
         ',"work":[{"employer":', JSON_QUOTE(g.employer), ',"position":', JSON_QUOTE(g.position),
           ',"from":"', YEAR(g.birth) + 30, '-03","to":""}',
           ',{"employer":', JSON_QUOTE(CONCAT(g.city, '市建设工程公司')), ',"position":"技术员"',
           ',"from":"', YEAR(g.birth) + 22, '-08","to":"', YEAR(g.birth) + 30, '-02"}]',
         ',"avoidance_none":true,"avoidance":[]',
         ',"specialties":', s.ids,
         ',"titles":[{"name":', JSON_QUOTE(g.title), ',"level":', JSON_QUOTE(g.level),
           ',"specialty":', JSON_QUOTE(s.first_name), ',"authority":"浙江省人力资源和社会保障厅"',
           ',"date":"', YEAR(g.birth) + 32 + g.h2 % 8, '-12-01"}]',
         ',"qualifications":[],"achievements":[]}'),
       @id_type, @id_enc, NULL, 1, g.submitted_at, 1,
       g.submitted_at - INTERVAL 1 + g.h1 % 20 DAY, IFNULL(g.decided_at, g.submitted_at), g.name, g.employer
FROM gen g JOIN gen_spec s ON s.i = g.i ORDER BY g.i;

-- the submitted version: the form and what it resolved to at submission
INSERT INTO application_versions (application_id, no, data, id_type, id_number_enc, submitted_at)
SELECT a.id, 1,
       CONCAT(LEFT(a.data, CHAR_LENGTH(a.data) - 1),
         ',"resolved":{"phone":"+8617', LPAD(g.i, 9, '0'), '"',
         ',"age":', TIMESTAMPDIFF(YEAR, g.birth, DATE(g.submitted_at)),
         ',"specialties":', s.resolved, '}}'),
       a.id_type, a.id_number_enc, a.submitted_at
FROM gen g JOIN applications a ON a.id = g.aid JOIN gen_spec s ON s.i = g.i ORDER BY g.i;

-- the transitions: submitted by the expert; opened, then approved or rejected, by the reviewer
-- (one statement per step, so that each application's events keep their order by id)
INSERT INTO application_events (application_id, at, actor_id, actor_role, from_status, to_status, version_no)
SELECT aid, submitted_at, uid, 'expert', 'draft', 'submitted', 1 FROM gen ORDER BY i;
INSERT INTO application_events (application_id, at, actor_id, actor_role, from_status, to_status, version_no)
SELECT aid, IF(status = 'reviewing', decided_at, decided_at - INTERVAL 2 HOUR), @reviewer, 'reviewer',
       'submitted', 'reviewing', 1
FROM gen WHERE status <> 'submitted' ORDER BY i;
INSERT INTO application_events (application_id, at, actor_id, actor_role, from_status, to_status,
  version_no, department, reason)
SELECT aid, decided_at, @reviewer, 'reviewer', 'reviewing', status, 1,
       IF(status = 'rejected', @department, NULL),
       IF(status = 'rejected', ELT(1 + h2 % 3, '职称证书扫描件不清晰，请重新上传',
                                   '从事本专业年限不足', '工作经历与所报专业不符'), NULL)
FROM gen WHERE status IN ('approved', 'rejected') ORDER BY i;

-- the review queue's domain/specialty filter
INSERT INTO application_taxonomy (node_id, application_id)
SELECT node_id, @app0 + i FROM gen_node ORDER BY node_id, i;

-- ---- the pool -----------------------------------------------------------------------------------
-- As the approval writes it (lib/expert.c, expert_admit): the profile is the approved version
-- without what it resolved to; the list columns are copied from it; title_level is the highest.

CREATE TEMPORARY TABLE gen_no (i INT PRIMARY KEY, year INT, seq INT) ENGINE=InnoDB
  SELECT i, YEAR(CONVERT_TZ(decided_at, '+00:00', '+08:00')) AS year,
         ROW_NUMBER() OVER (PARTITION BY YEAR(CONVERT_TZ(decided_at, '+00:00', '+08:00'))
                            ORDER BY decided_at, i) AS seq
  FROM gen WHERE status = 'approved';

INSERT INTO experts (id, user_id, application_id, expert_no, status, status_reason, profile, name,
  gender, birth_date, id_type, id_number_enc, employer, region, title_level, remote, email, address,
  joined_at, updated_at, version)
SELECT g.eid, g.uid, g.aid, CONCAT('ZJ', n.year, LPAD(n.seq, 5, '0')),
       CASE WHEN g.h3 % 200 = 7 THEN 'removed' WHEN g.h3 % 100 = 3 THEN 'suspended' ELSE 'active' END,
       CASE WHEN g.h3 % 200 = 7 THEN '本人申请退出专家库' WHEN g.h3 % 100 = 3 THEN '年度考核不合格，暂停一年'
            ELSE NULL END,
       a.data, g.name, g.gender, g.birth, a.id_type, a.id_number_enc, g.employer, '本级', g.level,
       g.remote, IF(g.h1 % 3 = 0, CONCAT('expert', g.i, '@example.com'), NULL), g.residence,
       g.decided_at, LEAST(g.decided_at + INTERVAL IF(g.h3 % 100 = 3 OR g.h3 % 200 = 7, 30, 0) DAY, NOW()),
       1 + (g.h3 % 100 = 3 OR g.h3 % 200 = 7)
FROM gen g JOIN gen_no n ON n.i = g.i JOIN applications a ON a.id = g.aid ORDER BY g.i;

INSERT INTO expert_taxonomy (node_id, expert_id)
SELECT n.node_id, g.eid FROM gen_node n JOIN gen g ON g.i = n.i WHERE g.eid IS NOT NULL
ORDER BY n.node_id, n.i;

INSERT INTO expert_events (expert_id, at, actor_id, action, summary)
SELECT x.id, x.joined_at, @reviewer, 'admit',
       JSON_COMPACT(JSON_OBJECT('expert_no', x.expert_no, 'application_id', x.application_id))
FROM experts x ORDER BY x.id;
INSERT INTO expert_events (expert_id, at, actor_id, action, reason, summary)
SELECT x.id, x.updated_at, @reviewer, IF(x.status = 'removed', 'remove', 'suspend'), x.status_reason,
       JSON_COMPACT(JSON_OBJECT('from', 'active', 'to', x.status))
FROM experts x WHERE x.status <> 'active' ORDER BY x.id;

-- one valid certificate each, issued on the day of approval (China time), for 2 years
INSERT INTO certificates (expert_id, cert_no, status, issued_on, valid_until, created_at)
SELECT g.eid, CONCAT('ZS', n.year, LPAD(n.seq, 6, '0')), 'valid',
       DATE(CONVERT_TZ(g.decided_at, '+00:00', '+08:00')),
       DATE(CONVERT_TZ(g.decided_at, '+00:00', '+08:00')) + INTERVAL 2 YEAR - INTERVAL 1 DAY,
       g.decided_at
FROM gen g JOIN gen_no n ON n.i = g.i ORDER BY g.i;

-- the next real approval continues after the generated numbers
INSERT INTO counters (name, value)
SELECT CONCAT(c.prefix, ':', n.year), MAX(n.seq) FROM gen_no n
  JOIN (SELECT 'expert_no' AS prefix UNION ALL SELECT 'cert_no') c GROUP BY c.prefix, n.year
ON DUPLICATE KEY UPDATE value = GREATEST(value, VALUES(value));

-- ---- the audit log and change requests --------------------------------------------------------
-- The audit entries the programs write for the transitions above (cgi-bin/apply.c, review.c,
-- pool.c): each submission by its expert, each opening and decision by the reviewer, each
-- suspension or removal.

INSERT INTO audit_log (at, actor_id, actor_role, ip, action, object_type, object_id, summary)
SELECT submitted_at, uid, 'expert', '10.0.0.1', 'application.submit', 'application', aid,
       '{"version_no":1}' FROM gen ORDER BY i;
INSERT INTO audit_log (at, actor_id, actor_role, ip, action, object_type, object_id, summary)
SELECT IF(status = 'reviewing', decided_at, decided_at - INTERVAL 2 HOUR), @reviewer, 'reviewer',
       '10.0.0.2', 'application.open', 'application', aid,
       '{"from":"submitted","to":"reviewing","version_no":1}'
FROM gen WHERE status <> 'submitted' ORDER BY i;
INSERT INTO audit_log (at, actor_id, actor_role, ip, action, object_type, object_id, summary)
SELECT decided_at, @reviewer, 'reviewer', '10.0.0.2', IF(status = 'approved', 'application.approve',
       'application.reject'), 'application', aid,
       JSON_COMPACT(JSON_OBJECT('from', 'reviewing', 'to', status, 'version_no', 1))
FROM gen WHERE status IN ('approved', 'rejected') ORDER BY i;
INSERT INTO audit_log (at, actor_id, actor_role, ip, action, object_type, object_id, summary)
SELECT x.updated_at, @reviewer, 'manager', '10.0.0.2', IF(x.status = 'removed', 'expert.remove',
       'expert.suspend'), 'expert', x.id, JSON_COMPACT(JSON_OBJECT('from', 'active', 'to', x.status))
FROM experts x WHERE x.status <> 'active' ORDER BY x.id;

-- About 2,700 employer change requests, of every 33rd expert still active: a third pending, a third
-- rejected, a third withdrawn by the expert; none approved, so the pool stays as generated.
INSERT INTO change_requests (expert_id, kind, proposed, current, note, status, reason, decided_by,
  decided_at, created_at, version)
SELECT x.id, 'employer',
       JSON_COMPACT(JSON_OBJECT('employment', '在职', 'employer', CONCAT(g.city, '市建设工程咨询有限公司'),
                                'employer_code', '', 'position', '总工程师')),
       JSON_COMPACT(JSON_OBJECT('employment', '在职', 'employer', x.employer, 'employer_code', '',
                                'position', g.position)),
       '工作调动', ELT(1 + (g.i DIV 33) % 3, 'pending', 'rejected', 'cancelled'),
       IF((g.i DIV 33) % 3 = 1, '请上传新单位的证明材料', NULL), IF((g.i DIV 33) % 3 = 1, @reviewer, NULL),
       IF((g.i DIV 33) % 3 = 0, NULL, x.joined_at + INTERVAL 40 DAY), x.joined_at + INTERVAL 30 DAY,
       IF((g.i DIV 33) % 3 = 0, 1, 2)
FROM gen g JOIN experts x ON x.id = g.eid WHERE g.i % 33 = 0 AND x.status = 'active'
ORDER BY x.id;

-- fresh statistics, as a database that grew to this size would have
ANALYZE TABLE users, applications, application_versions, application_events, application_taxonomy,
  experts, expert_taxonomy, expert_events, certificates, audit_log, change_requests;

SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM applications) AS applications,
       (SELECT COUNT(*) FROM applications WHERE status IN ('submitted', 'reviewing', 'passed')) AS todo,
       (SELECT COUNT(*) FROM experts) AS experts, (SELECT COUNT(*) FROM certificates) AS certificates,
       (SELECT COUNT(*) FROM audit_log) AS audit, (SELECT COUNT(*) FROM change_requests) AS changes,
       ROUND(TIMESTAMPDIFF(MICROSECOND, @started, SYSDATE(6)) / 1e6, 1) AS seconds;
