-- Langflow 1.13.0 tables on SQLite.
-- UUIDs are 16-byte BLOBs (sqlx's encoding of uuid::Uuid), timestamps are RFC 3339 TEXT always
-- bound from Rust (never SQL-side now(), mixed formats would sort wrongly), JSON is TEXT checked
-- with json_valid, booleans are INTEGER 0/1. STRICT catches type mix-ups.

CREATE TABLE "user" (
    id            BLOB    NOT NULL PRIMARY KEY,
    username      TEXT    NOT NULL,
    password      TEXT    NOT NULL,
    profile_image TEXT,
    is_active     INTEGER NOT NULL DEFAULT 0,
    is_superuser  INTEGER NOT NULL DEFAULT 0,
    create_at     TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    last_login_at TEXT,
    retired_at    TEXT,
    store_api_key TEXT,
    optins        TEXT CHECK (optins IS NULL OR json_valid(optins))
) STRICT;
CREATE UNIQUE INDEX user_username_lower ON "user" (lower(username));

CREATE TABLE folder (
    id            BLOB    NOT NULL PRIMARY KEY,
    name          TEXT    NOT NULL,
    description   TEXT,
    auth_settings TEXT CHECK (auth_settings IS NULL OR json_valid(auth_settings)),
    parent_id     BLOB REFERENCES folder (id),
    user_id       BLOB REFERENCES "user" (id),
    workspace_id  BLOB,
    is_personal   INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT unique_folder_name UNIQUE (user_id, name)
) STRICT;
CREATE INDEX ix_folder_name ON folder (name);
CREATE INDEX ix_folder_user_id ON folder (user_id);
CREATE INDEX ix_folder_parent_id ON folder (parent_id);

CREATE TABLE flow (
    id                 BLOB NOT NULL PRIMARY KEY,
    name               TEXT NOT NULL,
    description        TEXT,
    icon               TEXT,
    icon_bg_color      TEXT,
    gradient           TEXT,
    data               TEXT CHECK (data IS NULL OR json_valid(data)),
    is_component       INTEGER DEFAULT 0,
    updated_at         TEXT,
    webhook            INTEGER DEFAULT 0,
    endpoint_name      TEXT,
    tags               TEXT DEFAULT '[]' CHECK (tags IS NULL OR json_valid(tags)),
    locked             INTEGER DEFAULT 0,
    mcp_enabled        INTEGER DEFAULT 0,
    action_name        TEXT,
    action_description TEXT,
    access_type        TEXT NOT NULL DEFAULT 'PRIVATE' CHECK (access_type IN ('PRIVATE', 'PUBLIC')),
    flow_type          TEXT NOT NULL DEFAULT 'workflow' CHECK (flow_type IN ('workflow', 'agent')),
    a2a_enabled        INTEGER DEFAULT 0,
    a2a_card_overrides TEXT CHECK (a2a_card_overrides IS NULL OR json_valid(a2a_card_overrides)),
    user_id            BLOB REFERENCES "user" (id),
    folder_id          BLOB REFERENCES folder (id),
    workspace_id       BLOB,
    fs_path            TEXT,
    version_token      BLOB,
    last_modified_by   BLOB,
    name_key           TEXT,
    CONSTRAINT unique_flow_name UNIQUE (user_id, name),
    CONSTRAINT unique_flow_endpoint_name UNIQUE (user_id, endpoint_name)
) STRICT;
CREATE INDEX ix_flow_name ON flow (name);
CREATE INDEX ix_flow_endpoint_name ON flow (endpoint_name);
CREATE INDEX ix_flow_user_id ON flow (user_id);
CREATE INDEX ix_flow_folder_id ON flow (folder_id);
CREATE INDEX ix_flow_workspace_id ON flow (workspace_id);
CREATE INDEX ix_flow_last_modified_by ON flow (last_modified_by);

-- No FK on flow_id: monitor rows are deleted explicitly with their flow (as in Langflow 1.13).
CREATE TABLE message (
    id               BLOB    NOT NULL PRIMARY KEY,
    timestamp        TEXT    NOT NULL,
    sender           TEXT    NOT NULL,
    sender_name      TEXT    NOT NULL,
    session_id       TEXT    NOT NULL,
    context_id       TEXT,
    text             TEXT,
    files            TEXT    NOT NULL DEFAULT '[]' CHECK (files IS NULL OR json_valid(files)),
    error            INTEGER NOT NULL DEFAULT 0,
    edit             INTEGER NOT NULL DEFAULT 0,
    properties       TEXT CHECK (properties IS NULL OR json_valid(properties)),
    category         TEXT DEFAULT 'message',
    content_blocks   TEXT CHECK (content_blocks IS NULL OR json_valid(content_blocks)),
    session_metadata TEXT CHECK (session_metadata IS NULL OR json_valid(session_metadata)),
    flow_id          BLOB,
    run_id           BLOB,
    user_id          BLOB,
    is_output        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX ix_message_flow_id_timestamp_id ON message (flow_id, timestamp, id);
CREATE INDEX ix_message_session_id_timestamp_id ON message (session_id, timestamp, id);
CREATE INDEX ix_message_flow_id_session_id_timestamp ON message (flow_id, session_id, timestamp);
CREATE INDEX ix_message_run_id ON message (run_id);
CREATE INDEX ix_message_user_id ON message (user_id);

CREATE TABLE "transaction" (
    id         BLOB NOT NULL PRIMARY KEY,
    timestamp  TEXT NOT NULL,
    vertex_id  TEXT NOT NULL,
    target_id  TEXT,
    inputs     TEXT CHECK (inputs IS NULL OR json_valid(inputs)),
    outputs    TEXT CHECK (outputs IS NULL OR json_valid(outputs)),
    status     TEXT NOT NULL,
    error      TEXT,
    flow_id    BLOB NOT NULL,
    user_id    BLOB,
    session_id TEXT
) STRICT;
CREATE INDEX ix_transaction_flow_id_timestamp ON "transaction" (flow_id, timestamp);
CREATE INDEX ix_transaction_user_id ON "transaction" (user_id);
CREATE INDEX ix_transaction_session_id ON "transaction" (session_id);

CREATE TABLE vertex_build (
    build_id  BLOB    NOT NULL PRIMARY KEY,
    id        TEXT    NOT NULL,
    timestamp TEXT    NOT NULL,
    data      TEXT CHECK (data IS NULL OR json_valid(data)),
    artifacts TEXT CHECK (artifacts IS NULL OR json_valid(artifacts)),
    params    TEXT,
    valid     INTEGER NOT NULL,
    flow_id   BLOB    NOT NULL,
    job_id    BLOB
) STRICT;
CREATE INDEX ix_vertex_build_flow_id_id_timestamp ON vertex_build (flow_id, id, timestamp);
CREATE INDEX ix_vertex_build_job_id ON vertex_build (job_id);

-- No unique (user_id, name): Langflow checks variable names in the API only.
CREATE TABLE variable (
    id                     BLOB NOT NULL PRIMARY KEY,
    name                   TEXT NOT NULL,
    value                  TEXT NOT NULL,
    default_fields         TEXT CHECK (default_fields IS NULL OR json_valid(default_fields)),
    type                   TEXT,
    created_at             TEXT,
    updated_at             TEXT,
    is_environment_managed INTEGER,
    user_id                BLOB NOT NULL REFERENCES "user" (id)
) STRICT;
CREATE INDEX ix_variable_user_id ON variable (user_id);

CREATE TABLE apikey (
    id           BLOB    NOT NULL PRIMARY KEY,
    name         TEXT,
    created_at   TEXT    NOT NULL,
    last_used_at TEXT,
    total_uses   INTEGER NOT NULL DEFAULT 0,
    is_active    INTEGER NOT NULL DEFAULT 1,
    expires_at   TEXT,
    api_key      TEXT    NOT NULL,
    api_key_hash TEXT,
    user_id      BLOB    NOT NULL REFERENCES "user" (id),
    CONSTRAINT apikey_api_key UNIQUE (api_key)
) STRICT;
CREATE INDEX ix_apikey_name ON apikey (name);
CREATE INDEX ix_apikey_api_key_hash ON apikey (api_key_hash);
CREATE INDEX ix_apikey_user_id ON apikey (user_id);
