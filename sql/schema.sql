-- The warehouse contract of SPEC §3: the relations thidua reads, in schema "thidua".
-- Idempotent: running it again changes nothing. In production the DBA may instead map the real
-- QLAHS and LuyenAI data onto these names as views with the same columns and types.
CREATE SCHEMA IF NOT EXISTS thidua;
SET search_path TO thidua;

CREATE TABLE IF NOT EXISTS unit (
    unit_id   text PRIMARY KEY,
    name      text NOT NULL,
    kind      text NOT NULL,            -- spp_unit | provincial | department | regional
    parent_id text NULL,                -- provincial unit of a department or regional unit
    headcount int                       -- biên chế of this unit alone
);

CREATE TABLE IF NOT EXISTS staff (
    staff_id      text PRIMARY KEY,
    full_name     text NOT NULL,
    unit_id       text NOT NULL,
    role          text NOT NULL,        -- leader | prosecutor | inspector | it | other
    direct_worker bool NOT NULL,
    active        bool NOT NULL
);

CREATE TABLE IF NOT EXISTS case_record (
    case_id                 text PRIMARY KEY,
    unit_id                 text NOT NULL,
    prosecutor_id           text NULL,
    kind                    text NOT NULL,  -- case | matter
    accepted_on             date NOT NULL,
    entered_on              date NULL,      -- first entered on QLAHS; NULL: not yet
    end_to_end              bool NOT NULL,
    missing_required_fields int NOT NULL,
    error_count             int NOT NULL,
    status                  text NOT NULL,  -- open | closed
    last_updated_on         date NOT NULL
);

CREATE TABLE IF NOT EXISTS procedural_document (
    document_id       text PRIMARY KEY,
    case_id           text NOT NULL,
    unit_id           text NOT NULL,
    issued_on         date NOT NULL,
    digitally_signed  bool NOT NULL,
    electronic        bool NOT NULL
);

CREATE TABLE IF NOT EXISTS training_session (
    session_id     text PRIMARY KEY,
    unit_id        text NOT NULL,
    topic          text NOT NULL,       -- qlahs | ai
    held_on        date NOT NULL,
    title          text NOT NULL,
    format         text NOT NULL,       -- class | hands_on | seminar
    attendee_count int NOT NULL
);

CREATE TABLE IF NOT EXISTS training_role (
    session_id text NOT NULL,
    staff_id   text NOT NULL,
    role       text NOT NULL            -- trainer | organizer | attendee
);

CREATE TABLE IF NOT EXISTS luyenai_daily (
    staff_id text NOT NULL,
    day      date NOT NULL,
    level    int NOT NULL,              -- level at the end of that day
    minutes  int NOT NULL,              -- minutes studied that day
    PRIMARY KEY (staff_id, day)
);

CREATE TABLE IF NOT EXISTS platform_usage (
    staff_id text NOT NULL,
    day      date NOT NULL,
    actions  int NOT NULL,
    PRIMARY KEY (staff_id, day)
);

CREATE TABLE IF NOT EXISTS initiative (
    initiative_id  text PRIMARY KEY,
    unit_id        text NOT NULL,
    topic          text NOT NULL,       -- qlahs | ai
    title          text NOT NULL,
    recognized_on  date NULL,
    in_regular_use bool NOT NULL
);

CREATE TABLE IF NOT EXISTS initiative_author (
    initiative_id text NOT NULL,
    staff_id      text NOT NULL
);

CREATE TABLE IF NOT EXISTS core_group (
    group_id       text PRIMARY KEY,
    unit_id        text NOT NULL,
    kind           text NOT NULL,       -- core_learners | tech_support
    established_on date NOT NULL
);

CREATE TABLE IF NOT EXISTS core_group_member (
    group_id text NOT NULL,
    staff_id text NOT NULL
);

CREATE TABLE IF NOT EXISTS infrastructure (
    unit_id      text NOT NULL,
    item         text NOT NULL,         -- lan | wan | scanner | signature_token
    required     int NOT NULL,
    ready        int NOT NULL,
    completed_on date NULL,
    PRIMARY KEY (unit_id, item)
);

CREATE TABLE IF NOT EXISTS discipline (
    staff_id text NOT NULL,
    status   text NOT NULL,             -- disciplined | under_review
    from_on  date NOT NULL,
    to_on    date NULL
);

CREATE TABLE IF NOT EXISTS award_dossier (
    dossier_id              text PRIMARY KEY,
    nominee_kind            text NOT NULL,  -- unit | staff
    nominee_id              text NOT NULL,
    award_level             text NOT NULL,  -- bang_khen | giay_khen
    submitted_on            date NULL,
    has_proposal            bool NOT NULL,
    has_minutes             bool NOT NULL,
    has_achievement_report  bool NOT NULL,
    has_impact_confirmation bool NOT NULL
);
